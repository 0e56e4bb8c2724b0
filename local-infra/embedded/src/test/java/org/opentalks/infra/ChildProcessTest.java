package org.opentalks.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
    @TempDir
    Path dir;

    @Test
    void aChildThatDiesBeforeItIsReadyFailsWithItsLog() {
        try (ChildProcess child = ChildProcess.builder("broken JVM")
                .java(List.of("-Xmx16m"), List.of("org.opentalks.NoSuchMain"))
                .logFile(dir.resolve("broken.log"))
                .start()) {
            InfraException failure = assertThrows(InfraException.class,
                    () -> child.awaitPort("127.0.0.1", Ports.free(), Duration.ofSeconds(60)));

            assertTrue(failure.getMessage().contains("broken JVM exited with code 1"), failure.getMessage());
            assertTrue(failure.getMessage().contains("org.opentalks.NoSuchMain"), failure.getMessage());
        }
    }

    @Test
    void aChildThatNeverAnswersTimesOutWithItsLog() {
        try (ChildProcess child = ChildProcess.builder("silent")
                .command(List.of("sh", "-c", "echo waiting-forever; exec sleep 600"))
                .logFile(dir.resolve("silent.log"))
                .start()) {
            URI nowhere = URI.create("http://127.0.0.1:" + Ports.free() + "/healthz");

            InfraException failure = assertThrows(InfraException.class,
                    () -> child.awaitHttp(nowhere, Duration.ofSeconds(1)));

            assertTrue(failure.getMessage().contains("silent not ready within 1 s"), failure.getMessage());
            assertTrue(failure.getMessage().contains("waiting-forever"), failure.getMessage());
        }
    }

    @Test
    void stopEndsTheChildAndItsDescendants() {
        ChildProcess child = ChildProcess.builder("parent shell")
                .command(List.of("sh", "-c", "sleep 600 & sleep 600; wait"))
                .directory(dir)
                .environment("OPENTALKS_TEST", "1")
                .logFile(dir.resolve("shell.log"))
                .start();
        ProcessHandle shell = ProcessHandle.of(child.pid()).orElseThrow();
        child.await("two sleeping children", () -> shell.children().count() == 2, Duration.ofSeconds(30));
        List<ProcessHandle> sleepers = shell.children().toList();

        assertTrue(child.stop(), "the shell and its children should end on SIGTERM");

        assertFalse(child.isAlive());
        sleepers.forEach(sleeper -> assertFalse(sleeper.isAlive(), "sleep " + sleeper.pid() + " outlived its parent"));
    }

    @Test
    void theChildRunsWithItsEnvironmentAndDirectoryAndLogsToItsFile() throws Exception {
        Path workDir = Files.createDirectories(dir.resolve("work"));
        try (ChildProcess child = ChildProcess.builder("printer")
                .command(List.of("sh", "-c", "echo \"$GREETING from $(pwd)\"; echo to-stderr >&2"))
                .directory(workDir)
                .environment("GREETING", "hello")
                .logFile(dir.resolve("printer.log"))
                .start()) {
            assertEquals(0, child.awaitExit(Duration.ofSeconds(30)));

            String log = Files.readString(child.logFile());
            assertTrue(log.contains("hello from " + workDir.toRealPath()), log);
            assertTrue(log.contains("to-stderr"), log);
            assertEquals("to-stderr", child.logTail(1));
        }
    }
}
