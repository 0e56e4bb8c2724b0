package org.opentalks.transcribe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks the Vosk model this library carries into a cache directory at first use, and finds it there after.
 *
 * <p>The model is Maven Central's {@code com.alphacephei:vosk-model-en} (the small US English model, Apache-2.0),
 * an Android library whose model sits under {@code assets/model-en-us/} ({@code am/final.mdl}, {@code conf/},
 * {@code graph/}, {@code ivector/}, {@code README}, {@code uuid}). The build copies that archive into this jar
 * as {@value #BUNDLED_MODEL}, so any packaging that keeps the jar's resources keeps the model.
 *
 * <p>Unpacking is safe to race: each unpacker writes into its own temporary directory beside the target and
 * moves it into place in one step; the loser deletes its copy. The target is named after the model's
 * {@code uuid}, so a new model never mixes with an old one. Entry names are checked before anything is written:
 * an absolute name, a {@code ..} segment, a backslash or a name that resolves outside the directory is refused,
 * and so is an archive that inflates past {@value #MAX_UNPACKED_BYTES} bytes.
 */
final class ModelStore {
    /** The model archive inside this jar, next to this class. */
    static final String BUNDLED_MODEL = "vosk-model-en.aar";
    /** Where the model's files sit inside the archive. */
    static final String MODEL_PREFIX = "assets/model-en-us/";
    /** Unpacked, the small English model is about 68 MiB; anything far larger is not that model. */
    static final long MAX_UNPACKED_BYTES = 512L << 20;
    private static final String COMPLETE = ".complete";

    private ModelStore() {
    }

    /** The bundled English model's directory under {@code cacheDir}, unpacked there first if it is not yet. */
    static Path bundledModel(Path cacheDir) {
        return unpack(() -> ModelStore.class.getResourceAsStream(BUNDLED_MODEL), cacheDir, "en-us");
    }

    /**
     * The model in the archive that {@code archive} opens, unpacked under {@code cacheDir} as
     * {@code <name>-<uuid>}.
     */
    static Path unpack(Supplier<InputStream> archive, Path cacheDir, String name) {
        try {
            String uuid = readUuid(archive);
            Path target = cacheDir.resolve(name + "-" + uuid);
            if (Files.isRegularFile(target.resolve(COMPLETE))) {
                return target;
            }
            Files.createDirectories(cacheDir);
            Path staging = Files.createTempDirectory(cacheDir, "." + name + "-unpacking-");
            try {
                extract(archive, staging);
                Files.writeString(staging.resolve(COMPLETE), uuid + "\n", StandardCharsets.UTF_8);
                moveIntoPlace(staging, target);
            } finally {
                deleteTree(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the Vosk model into " + cacheDir
                    + ": make the directory writable or point the model cache elsewhere", e);
        }
    }

    /** The model's {@code uuid} file, which names it; read without unpacking anything. */
    private static String readUuid(Supplier<InputStream> archive) throws IOException {
        try (ZipInputStream zip = open(archive)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(MODEL_PREFIX + "uuid")) {
                    String uuid = new String(zip.readNBytes(128), StandardCharsets.US_ASCII).strip();
                    if (!uuid.matches("[0-9A-Za-z-]{1,64}")) {
                        throw new IOException("the model's uuid file does not hold a uuid: '" + uuid + "'");
                    }
                    return uuid;
                }
            }
        }
        throw new IOException("the archive holds no " + MODEL_PREFIX + "uuid: it is not a Vosk model package");
    }

    private static void extract(Supplier<InputStream> archive, Path staging) throws IOException {
        long total = 0;
        Path root = staging.toAbsolutePath().normalize();
        try (ZipInputStream zip = open(archive)) {
            byte[] buffer = new byte[1 << 16];
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.getName().startsWith(MODEL_PREFIX) || e.isDirectory()) {
                    continue;
                }
                Path file = safeResolve(root, e.getName().substring(MODEL_PREFIX.length()));
                Files.createDirectories(file.getParent());
                try (var out = Files.newOutputStream(file)) {
                    for (int n; (n = zip.read(buffer)) > 0;) {
                        total += n;
                        if (total > MAX_UNPACKED_BYTES) {
                            throw new IOException("the model archive inflates past " + MAX_UNPACKED_BYTES
                                    + " bytes: refusing it as damaged or not a Vosk model");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        }
        if (!Files.isRegularFile(staging.resolve("am/final.mdl"))) {
            throw new IOException("the archive holds no " + MODEL_PREFIX + "am/final.mdl: it is not a Vosk model");
        }
    }

    /** {@code root/relative}, refusing any name that could land outside {@code root}. */
    static Path safeResolve(Path root, String relative) throws IOException {
        boolean traversal = relative.isEmpty() || relative.startsWith("/") || relative.contains("\\")
                || relative.contains("\0") || relative.matches("^[A-Za-z]:.*");
        for (String segment : relative.split("/")) {
            traversal |= segment.equals("..");
        }
        Path file = root.resolve(relative).normalize();
        if (traversal || !file.startsWith(root) || file.equals(root)) {
            throw new IOException("the model archive has an entry named '" + relative
                    + "' that would be written outside the model directory: refusing the archive");
        }
        return file;
    }

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the model cache must allow renaming a directory in place", e);
        } catch (IOException raced) {
            // Another process unpacked it first (rename fails on a non-empty target); its copy is as good as ours.
            if (!Files.isRegularFile(target.resolve(COMPLETE))) {
                throw new IOException(target + " exists but is not a complete model: delete it and retry", raced);
            }
        }
    }

    private static ZipInputStream open(Supplier<InputStream> archive) throws IOException {
        InputStream in = archive.get();
        if (in == null) {
            throw new IOException("the Vosk model " + BUNDLED_MODEL + " is missing from the classpath: "
                    + "build libs/transcribe with Maven, which copies it in");
        }
        return new ZipInputStream(in);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
