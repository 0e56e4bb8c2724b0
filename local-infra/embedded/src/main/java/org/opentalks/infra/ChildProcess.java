package org.opentalks.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A child process (usually a JVM) whose stdout and stderr go to a log file. It can wait until it is
 * ready, and stops cleanly: SIGTERM to it and its descendants, a grace period, then SIGKILL. A JVM
 * shutdown hook stops every child still running, so none outlives this JVM.
 */
public final class ChildProcess implements AutoCloseable {
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(50);
    private static final int TAIL_LINES = 30;
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();
    /** Orderly stops to run at JVM exit before the reaper signals whatever is left. */
    private static final List<Runnable> BEFORE_REAPING = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcess::exit, "opentalks-child-reaper"));
    }

    /**
     * Runs {@code orderlyStop} when this JVM exits (Ctrl-C, SIGTERM), before the children still running
     * are stopped all at once. JVM shutdown hooks run concurrently, so an owner that must stop its
     * children in order (services before the broker they talk to) registers here instead of adding a
     * hook of its own.
     */
    public static void beforeReaping(Runnable orderlyStop) {
        BEFORE_REAPING.add(orderlyStop);
    }

    private static void exit() {
        for (Runnable stop : BEFORE_REAPING) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                // The JVM is exiting and no one is left to catch this; the children must still be ended.
                e.printStackTrace();
            }
        }
        stopAll();
    }

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration stopGrace;
    private final Consumer<Boolean> afterExit;
    private final AtomicBoolean ended = new AtomicBoolean();

    private ChildProcess(String name, Process process, Path logFile, Duration stopGrace,
                         Consumer<Boolean> afterExit) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopGrace = stopGrace;
        this.afterExit = afterExit;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The {@code java} launcher of the JVM running this code, so children run on the same Java. */
    public static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java").toString();
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Something that says whether the child is ready; an exception counts as "not yet". */
    @FunctionalInterface
    public interface Probe {
        boolean ready() throws Exception;
    }

    /**
     * Polls {@code probe} until it says ready. Fails with the log's last lines when the process exits
     * first or the timeout passes.
     */
    public void await(String what, Probe probe, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception lastFailure = null;
        while (true) {
            if (!process.isAlive()) {
                throw new InfraException(name + " exited with code " + process.exitValue() + " before " + what
                        + "\n" + describeLog());
            }
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfraException("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                lastFailure = e;
            }
            if (Instant.now().isAfter(deadline)) {
                String cause = lastFailure == null ? "" : " (last probe: " + lastFailure + ")";
                throw new InfraException(name + " not ready within " + timeout.toSeconds() + " s: " + what + cause
                        + "\n" + describeLog(), lastFailure);
            }
            pause();
        }
    }

    /** Waits until {@code host:port} accepts TCP connections. */
    public void awaitPort(String host, int port, Duration timeout) {
        await("accepting connections on " + host + ":" + port, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 250);
                return true;
            } catch (ConnectException e) {
                return false;
            }
        }, timeout);
    }

    /** Waits until a GET of {@code url} answers 2xx. */
    public void awaitHttp(URI url, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build();
        await("answering 2xx at " + url, () -> {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw new IOException("HTTP " + status);
            }
            return true;
        }, timeout);
    }

    /** Waits for the process to end by itself and returns its exit code; stops it when it takes too long. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw new InfraException(name + " still running after " + timeout.toSeconds() + " s, stopped\n"
                        + describeLog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new InfraException("interrupted while waiting for " + name + " to exit", e);
        }
        ended(true);
        return process.exitValue();
    }

    /** The last {@code lines} lines of the log (read from its end, so a large log costs nothing). */
    public String logTail(int lines) {
        try (SeekableByteChannel channel = Files.newByteChannel(logFile, StandardOpenOption.READ)) {
            long size = channel.size();
            int length = (int) Math.min(size, 64 * 1024);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading until the tail is complete
            }
            String[] all = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n");
            return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private String describeLog() {
        return "last lines of " + logFile + ":\n" + logTail(TAIL_LINES);
    }

    /**
     * Stops the process and its descendants: SIGTERM, up to the grace period, then SIGKILL.
     *
     * @return true when everything ended within the grace period (a clean shutdown)
     */
    public boolean stop() {
        List<ProcessHandle> handles = terminate();
        boolean clean = awaitHandles(handles, Instant.now().plus(stopGrace));
        if (!clean) {
            handles.forEach(ProcessHandle::destroyForcibly);
            awaitHandles(handles, Instant.now().plus(Duration.ofSeconds(5)));
        }
        ended(clean);
        return clean;
    }

    /** Ends the process and its descendants at once with SIGKILL, as a crash or an OOM kill would. */
    public void kill() {
        List<ProcessHandle> handles = new ArrayList<>();
        handles.add(process.toHandle());
        process.descendants().forEach(handles::add);
        handles.forEach(ProcessHandle::destroyForcibly);
        awaitHandles(handles, Instant.now().plus(Duration.ofSeconds(10)));
        ended(false);
    }

    /** Runs the after-exit action once, whichever way the process was ended. */
    private void ended(boolean clean) {
        RUNNING.remove(this);
        if (ended.compareAndSet(false, true)) {
            afterExit.accept(clean);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Sends SIGTERM to the process and its descendants; returns them all. */
    private List<ProcessHandle> terminate() {
        // Descendants must be listed before the parent dies: orphans are re-parented and lost from view.
        List<ProcessHandle> handles = new ArrayList<>();
        handles.add(process.toHandle());
        process.descendants().forEach(handles::add);
        handles.forEach(ProcessHandle::destroy);
        return handles;
    }

    private static boolean awaitHandles(List<ProcessHandle> handles, Instant deadline) {
        for (ProcessHandle handle : handles) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            try {
                handle.onExit().get(Math.max(left, 1), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for process " + handle.pid(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The shutdown hook: signal every child first, so they shut down in parallel, then wait for each. */
    private static void stopAll() {
        Map<ChildProcess, List<ProcessHandle>> signalled = new LinkedHashMap<>();
        for (ChildProcess child : RUNNING) {
            signalled.put(child, child.terminate());
        }
        signalled.forEach((child, handles) -> {
            boolean clean = awaitHandles(handles, Instant.now().plus(child.stopGrace));
            if (!clean) {
                handles.forEach(ProcessHandle::destroyForcibly);
            }
            try {
                child.ended(clean);
            } catch (RuntimeException e) {
                // The JVM is exiting and no one is left to catch this; the other children must still be ended.
                e.printStackTrace();
            }
        });
    }

    private static void pause() {
        try {
            Thread.sleep(PROBE_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted while waiting for a child process", e);
        }
    }

    public static final class Builder {
        private final String name;
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path directory;
        private Path logFile;
        private Duration stopGrace = Duration.ofSeconds(10);
        private Consumer<Boolean> afterExit = clean -> { };

        private Builder(String name) {
            this.name = name;
        }

        public Builder command(List<String> command) {
            this.command.clear();
            this.command.addAll(command);
            return this;
        }

        /** A {@code java} command on this JVM's Java: options (heap, -D, -cp), then main class or -jar and args. */
        public Builder java(List<String> jvmOptions, List<String> mainAndArgs) {
            List<String> java = new ArrayList<>();
            java.add(javaExecutable());
            java.addAll(jvmOptions);
            java.addAll(mainAndArgs);
            return command(java);
        }

        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public Builder environment(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        /** Where stdout and stderr go; appended to, so the runs before stay readable. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** How long {@link #stop()} waits after SIGTERM before killing. */
        public Builder stopGrace(Duration stopGrace) {
            this.stopGrace = stopGrace;
            return this;
        }

        /**
         * Runs once the process has ended through {@link #stop()}, {@link #awaitExit(Duration)} or the
         * shutdown hook, told whether it ended cleanly (not killed).
         */
        public Builder afterExit(Consumer<Boolean> afterExit) {
            this.afterExit = afterExit;
            return this;
        }

        public ChildProcess start() {
            if (command.isEmpty() || logFile == null) {
                throw new IllegalStateException(name + ": a command and a log file are required");
            }
            try {
                Path parent = logFile.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(logFile, "---- " + Instant.now() + " starting " + name + ": "
                                + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
                if (directory != null) {
                    builder.directory(directory.toFile());
                }
                builder.environment().putAll(environment);
                ChildProcess child = new ChildProcess(name, builder.start(), logFile, stopGrace, afterExit);
                RUNNING.add(child);
                return child;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
            }
        }

        private static File nullDevice() {
            boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
            return new File(windows ? "NUL" : "/dev/null");
        }
    }
}
