package org.opentalks.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

    @Test
    void unpacksTheBundledModelOnceAndFindsItAfter(@TempDir Path cache) throws Exception {
        Path model = ModelStore.bundledModel(cache);
        assertTrue(model.getFileName().toString().startsWith("en-us-"), model::toString);
        for (String file : List.of("am/final.mdl", "conf/model.conf", "conf/mfcc.conf", "graph/HCLr.fst",
                "graph/Gr.fst", "ivector/final.ie", "README")) {
            assertTrue(Files.isRegularFile(model.resolve(file)), file + " is missing");
        }
        long bytes;
        try (Stream<Path> files = Files.walk(model)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf("Vosk model unpacked to %s: %.1f MiB%n", model, bytes / 1048576.0);
        assertTrue(bytes > 60L << 20 && bytes < 80L << 20, bytes + " bytes");

        FileTime written = Files.getLastModifiedTime(model.resolve("am/final.mdl"));
        assertEquals(model, ModelStore.bundledModel(cache));
        assertEquals(written, Files.getLastModifiedTime(model.resolve("am/final.mdl")), "not unpacked again");
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(model), left.toList(), "no staging directory left behind");
        }
    }

    @Test
    void racingUnpackersAgreeOnOneCompleteModel(@TempDir Path cache) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> ModelStore.bundledModel(cache)));
            }
            Path first = results.get(0).get();
            assertEquals(first, results.get(1).get());
            assertTrue(Files.isRegularFile(first.resolve("am/final.mdl")));
            try (Stream<Path> left = Files.list(cache)) {
                assertEquals(1, left.count(), "the loser's copy is gone");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesEntriesThatWouldLandOutsideTheModelDirectory(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        for (String evil : List.of("../../escaped", "am/../../../escaped", "/tmp/escaped", "am\\..\\..\\escaped",
                "C:/escaped")) {
            byte[] archive = zip("assets/model-en-us/uuid", "0123-abcd", "assets/model-en-us/am/final.mdl", "x",
                    "assets/model-en-us/" + evil, "pwned");
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> ModelStore.unpack(() -> new ByteArrayInputStream(archive), cache, "test"), evil);
            assertTrue(e.getCause().getMessage().contains("outside the model directory"), e.getCause().getMessage());
            assertFalse(Files.exists(dir.resolve("escaped")) || Files.exists(cache.resolve("escaped")), evil);
            assertFalse(Files.exists(cache.resolve("test-0123-abcd")), "no half model is left in place");
        }
    }

    @Test
    void refusesAnArchiveThatIsNoVoskModel(@TempDir Path cache) throws Exception {
        byte[] noUuid = zip("assets/model-en-us/am/final.mdl", "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> ModelStore.unpack(() -> new ByteArrayInputStream(noUuid), cache, "test"));
        assertTrue(e.getCause().getMessage().contains("not a Vosk model"), e.getCause().getMessage());
        byte[] noModel = zip("assets/model-en-us/uuid", "42");
        e = assertThrows(UncheckedIOException.class,
                () -> ModelStore.unpack(() -> new ByteArrayInputStream(noModel), cache, "test"));
        assertTrue(e.getCause().getMessage().contains("final.mdl"), e.getCause().getMessage());
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
