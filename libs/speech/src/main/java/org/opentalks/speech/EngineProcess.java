package org.opentalks.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a speech engine's command-line program: arguments go straight to the program (never through a shell), its
 * output goes to files in a private working folder (so a chatty program cannot block on a full pipe), and it is
 * killed when it runs past its timeout.
 */
final class EngineProcess implements AutoCloseable {
    private final Path folder;

    /** A fresh private working folder for one synthesis. */
    EngineProcess(String engine) {
        try {
            folder = Files.createTempDirectory("opentalks-" + engine + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working folder for " + engine, e);
        }
    }

    /** A path inside the working folder. */
    Path file(String name) {
        return folder.resolve(name);
    }

    /** Writes {@code text} to a file in the working folder, as UTF-8. */
    Path write(String name, String text) {
        try {
            return Files.writeString(file(name), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }

    /**
     * Runs {@code command} in the working folder and returns what it printed on standard output.
     *
     * @param install what the user should do when the program is missing, e.g. "install flite (./opentalks setup)"
     * @throws SpeechException when the program is missing, fails or runs past {@code timeout}
     */
    String run(List<String> command, Duration timeout, String install) {
        String program = command.get(0);
        Path out = file("stdout.txt");
        Path err = file("stderr.txt");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(folder.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new SpeechException(SpeechException.Cause.PROVIDER, program + " cannot be started ("
                    + e.getMessage() + "): " + install, e);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new SpeechException(SpeechException.Cause.PROVIDER, program + " did not finish within "
                        + timeout.toMillis() + " ms; a shorter script or a longer timeout may help");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Cause.PROVIDER, program + " was interrupted", e);
        }
        String stdout = read(out);
        if (process.exitValue() != 0) {
            String stderr = read(err).strip();
            String tail = stderr.length() > 600 ? "…" + stderr.substring(stderr.length() - 600) : stderr;
            throw new SpeechException(SpeechException.Cause.PROVIDER, program + " failed with exit status "
                    + process.exitValue() + (tail.isEmpty() ? "" : ": " + tail) + " (" + install + ")");
        }
        return stdout;
    }

    /** The bytes of a file the program wrote. */
    byte[] bytes(Path path, String what) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SpeechException(SpeechException.Cause.PROVIDER, what + " wrote no audio (" + e.getMessage()
                    + ")", e);
        }
    }

    private static String read(Path path) {
        try {
            // Lenient decoding: a program's diagnostics may be in any 8-bit encoding.
            return Files.exists(path) ? new String(Files.readAllBytes(path), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary folder left behind is harmless.
        }
    }
}
