package org.opentalks.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed driver files are exactly what {@link BankGenerator} writes. */
class BankFilesTest {
    private static final String REGENERATE = "; rerun BankGenerator from libs/drivers (see its javadoc)";

    @Test
    void committedFilesEqualTheGeneratorsOutput() throws IOException {
        String root = System.getProperty("opentalks.root");
        assertNotNull(root, "system property opentalks.root (the repository root) is unset; run the tests with Maven");
        Path dir = Path.of(root, "libs/drivers", BankGenerator.RESOURCE_DIR);
        assertTrue(Files.isDirectory(dir), dir + " is missing" + REGENERATE);
        Map<String, String> committed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                committed.put(dir.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        Map<String, String> generated = BankGenerator.generate();
        assertEquals(generated.keySet(), committed.keySet(), "driver files" + REGENERATE);
        long bytes = 0;
        for (Map.Entry<String, String> file : generated.entrySet()) {
            assertEquals(file.getValue(), committed.get(file.getKey()), file.getKey() + " differs" + REGENERATE);
            bytes += file.getValue().length();
        }
        System.out.printf("driver bank: %d files, %d KiB%n", generated.size(), bytes / 1024);
    }

    @Test
    void generatedFilesReadBackAsLoops() throws IOException {
        String json = BankGenerator.generate().get("subtle/driver-02.json");
        DriverLoop loop = DriverLoop.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
        assertEquals(25, loop.fps);
        assertEquals(loop.frames, loop.brow.length);
        assertTrue(loop.seconds() >= 20 && loop.seconds() <= 40, "loop of " + loop.seconds() + " s");
    }
}
