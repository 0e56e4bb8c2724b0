package org.opentalks.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A dynamic AppCDS archive (JEP 350) of a child JVM's loaded classes. The first run records the
 * archive when it exits; later runs map it, which halves the start of a class-heavy server such as
 * the Kafka broker. The file name carries a digest of the Java runtime and of the classpath (paths,
 * sizes, times), so a changed jar or JDK gets a new archive instead of a rejected one.
 */
public final class ClassDataArchive {
    /** Writing an archive takes seconds; an older temporary file was left by a JVM killed while writing. */
    private static final Duration ORPHAN_AGE = Duration.ofMinutes(10);
    private static final System.Logger LOG = System.getLogger(ClassDataArchive.class.getName());

    private final Path archive;
    private final Path recording;

    private ClassDataArchive(Path archive, Path recording) {
        this.archive = archive;
        this.recording = recording;
    }

    /**
     * The archive for a JVM that runs {@code classpath}, kept in {@code directory}. Where the directory
     * cannot be written (a read-only install), the JVM simply runs without one.
     */
    public static ClassDataArchive of(Path directory, String name, List<Path> classpath) {
        try {
            Path dir = Files.createDirectories(directory.toAbsolutePath());
            Path archive = dir.resolve(name + "-" + digest(classpath) + ".jsa");
            removeOrphans(dir, archive.getFileName() + ".");
            Path recording = Files.exists(archive) ? null
                    : dir.resolve(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
            if (recording != null && !Files.isWritable(dir)) {
                return new ClassDataArchive(null, null);
            }
            return new ClassDataArchive(archive, recording);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "running {0} without a class data archive: {1}", name, e.toString());
            return new ClassDataArchive(null, null);
        }
    }

    /** The JVM options that map the archive, or record it at exit when there is none yet. */
    public List<String> jvmOptions() {
        if (archive == null) {
            return List.of();
        }
        if (recording == null) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        // Recording warns about every class it cannot archive; keep those out of the child's log.
        return List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds*=off");
    }

    /**
     * Options that map the archive when there is one, and never record: for a short-lived JVM on the
     * same classpath (a tool run before the server), whose classes are a subset of the server's.
     */
    public List<String> mapOnlyOptions() {
        return archive != null && Files.exists(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    /**
     * Call after the JVM has exited. A recording is kept only from a clean exit, since a killed JVM
     * may have left half a file.
     */
    public void publish(boolean cleanExit) {
        if (recording == null) {
            return;
        }
        try {
            if (cleanExit && Files.exists(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(recording);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep class data archive " + archive, e);
        }
    }

    private static String digest(List<Path> classpath) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, System.getProperty("java.home"));
            update(sha, System.getProperty("java.vm.version"));
            for (Path entry : classpath) {
                update(sha, entry.toAbsolutePath().toString());
                update(sha, Long.toString(Files.size(entry)));
                update(sha, Files.getLastModifiedTime(entry).toString());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static void update(MessageDigest sha, String value) {
        sha.update(value.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static void removeOrphans(Path directory, String prefix) throws IOException {
        Instant cutoff = Instant.now().minus(ORPHAN_AGE);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*.tmp")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
