package org.opentalks.reenact.quality;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opentalks.contract.document.Point;

/**
 * dlib's own C++ HOG face detector and 68-point shape predictor, as an instrument independent of the
 * project's analyser (BlazeFace boxes and the Java port of the predictor) that places the rig. The
 * tool's source is {@code src/test/native/dlib_landmarks.cpp}, which also describes the protocol;
 * this class builds it with g++ into {@code target/native} when the binary is missing or older than
 * the source, runs one process for all the frames and talks to it over pipes. Thread-safe: requests
 * are answered one at a time.
 *
 * <p>g++ and Debian's {@code libdlib-dev} are installed by {@code ./opentalks setup}; without them
 * the tests fail, saying so.
 */
final class DlibLandmarks implements AutoCloseable {
    static final Path SOURCE = Path.of("libs", "reenact", "src", "test", "native", "dlib_landmarks.cpp");
    static final Path BINARY = Path.of("target", "native", "dlib_landmarks");
    /**
     * Debian's dlib headers are configured to call BLAS and LAPACK themselves, and libdlib-dev does
     * not install the unversioned libraries that {@code pkg-config --libs dlib-1} names, so the
     * runtime ones are linked by soname.
     */
    static final List<String> LINK = List.of("-ldlib", "-l:libblas.so.3", "-l:liblapack.so.3", "-lpthread");
    private static final String SETUP = "run ./opentalks setup, which installs g++ and libdlib-dev";
    private static final int PARTS = 68;

    /** dlib's inclusive pixel rectangle. */
    record Rect(long left, long top, long right, long bottom) {
    }

    /** A face: the detector's box, the predictor's 68 points in frame pixels, and what each step cost. */
    record Face(Rect box, List<Point> landmarks, long detectMicros, long predictMicros) {
    }

    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private final Path log;
    private final Map<String, long[]> costs = new LinkedHashMap<>();

    private DlibLandmarks(Process process, Path log) {
        this.process = process;
        this.in = new BufferedOutputStream(process.getOutputStream(), 1 << 20);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.log = log;
    }

    /** Builds the tool if needed and starts it on dlib's landmark model. */
    static DlibLandmarks start() {
        Path binary = build();
        Path model = Fixtures.require(Fixtures.SHAPE_PREDICTOR);
        try {
            Path log = Files.createTempFile(binary.getParent(), "dlib_landmarks", ".log");
            Process process = new ProcessBuilder(binary.toString(), model.toString())
                    .redirectError(log.toFile()).start();
            DlibLandmarks tool = new DlibLandmarks(process, log);
            String ready = tool.out.readLine();
            if (!("ready " + PARTS).equals(ready)) {
                tool.close();
                fail(binary + " did not start (said " + ready + "): " + tool.errors());
            }
            return tool;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** The tool's binary, compiled from its source when it is missing or older. */
    static synchronized Path build() {
        Path source = Fixtures.require(Fixtures.root().resolve(SOURCE));
        Path binary = BINARY.toAbsolutePath();
        try {
            if (Files.isExecutable(binary)
                    && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) >= 0) {
                return binary;
            }
            if (!onPath("g++")) {
                fail("g++ is not on the PATH; it builds dlib's landmark tool for these tests: " + SETUP);
            }
            Files.createDirectories(binary.getParent());
            Path partial = Files.createTempFile(binary.getParent(), "dlib_landmarks", ".partial");
            Path output = Files.createTempFile(binary.getParent(), "dlib_landmarks", ".g++.log");
            List<String> command = new ArrayList<>(List.of("g++", "-O2", "-std=c++17", "-Wall", source.toString(),
                    "-o", partial.toString()));
            command.addAll(LINK);
            Process compiler = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!compiler.waitFor(10, TimeUnit.MINUTES)) {
                compiler.destroyForcibly();
                fail("g++ took over 10 minutes to build " + source);
            }
            String messages = Files.readString(output);
            Files.delete(output);
            if (compiler.exitValue() != 0) {
                Files.deleteIfExists(partial);
                boolean noDlib = messages.contains("dlib/") && messages.contains("No such file")
                        || messages.contains("cannot find -ldlib");
                fail((noDlib ? "dlib's C++ library (Debian package libdlib-dev) is missing: " + SETUP
                        : "g++ cannot build " + source + " (" + String.join(" ", command) + "); if a library is "
                        + "missing, " + SETUP) + "\n" + messages);
            }
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + binary, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The landmarks of the most confident face in the frame, or an empty list when there is none. */
    List<Point> landmarks(int width, int height, byte[] bgr) {
        return detect(width, height, bgr).map(Face::landmarks).orElse(List.of());
    }

    /** The most confident face in the frame (the tool's source says why every frame is searched whole). */
    Optional<Face> detect(int width, int height, byte[] bgr) {
        return request("detection", "detect " + width + " " + height, width, height, bgr);
    }

    /** dlib's predictor on {@code box}, with no detection. */
    Optional<Face> predict(int width, int height, byte[] bgr, Rect box) {
        return request("prediction on a given box", "predict " + width + " " + height + " " + box.left() + " "
                + box.top() + " " + box.right() + " " + box.bottom(), width, height, bgr);
    }

    private synchronized Optional<Face> request(String kind, String header, int width, int height, byte[] bgr) {
        if (bgr.length != width * height * 3) {
            throw new IllegalArgumentException(bgr.length + " bytes for a " + width + "x" + height + " BGR frame");
        }
        String reply;
        try {
            in.write((header + "\n").getBytes(StandardCharsets.US_ASCII));
            in.write(bgr);
            in.flush();
            reply = out.readLine();
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null) {
            fail("dlib's landmark tool stopped: " + errors());
        }
        String[] t = reply.split(" ");
        long[] cost = costs.computeIfAbsent(kind, k -> new long[3]);
        cost[0]++;
        if (t[0].equals("none") && t.length == 2) {
            cost[1] += Long.parseLong(t[1]);
            return Optional.empty();
        }
        if (!t[0].equals("face") || t.length != 5 + 2 * PARTS + 2) {
            fail("dlib's landmark tool answered \"" + reply + "\"");
        }
        Rect box = new Rect(Long.parseLong(t[1]), Long.parseLong(t[2]), Long.parseLong(t[3]), Long.parseLong(t[4]));
        List<Point> points = new ArrayList<>(PARTS);
        for (int i = 0; i < PARTS; i++) {
            points.add(new Point(Double.parseDouble(t[5 + 2 * i]), Double.parseDouble(t[6 + 2 * i])));
        }
        long detectMicros = Long.parseLong(t[t.length - 2]);
        long predictMicros = Long.parseLong(t[t.length - 1]);
        cost[1] += detectMicros;
        cost[2] += predictMicros;
        return Optional.of(new Face(box, List.copyOf(points), detectMicros, predictMicros));
    }

    /** What the requests cost so far, by kind: count, mean detection and prediction time. */
    synchronized String timing() {
        StringBuilder s = new StringBuilder();
        costs.forEach((kind, c) -> s.append(String.format(Locale.ROOT, "%s%s: %d frames, detection %.1f ms, "
                + "prediction %.1f ms per frame", s.isEmpty() ? "" : "; ", kind, c[0], c[1] / 1e3 / c[0],
                c[2] / 1e3 / c[0])));
        return s.toString();
    }

    private String errors() {
        try {
            String text = Files.readString(log).strip();
            return text.isEmpty() ? "(nothing on stderr; exit status "
                    + (process.isAlive() ? "none yet" : process.exitValue()) + ")" : text;
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
