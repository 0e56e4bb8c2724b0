package org.opentalks.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.opentalks.contract.json.Json;

/**
 * Runs the ffprobe executable that ships inside the FFmpeg jar and reads its JSON, so tests and
 * services can check a file the way any player would see it, without a system FFmpeg.
 */
public final class MediaProbe {
    private static final long TIMEOUT_SECONDS = 120;

    /** Streams and container as the file's headers state them. */
    public static ProbeResult probe(Path file) {
        return run(file, false);
    }

    /** As {@link #probe}, with every stream decoded to count its frames ({@code -count_frames}): slower, exact. */
    public static ProbeResult probeCountingFrames(Path file) {
        return run(file, true);
    }

    private static ProbeResult run(Path file, boolean countFrames) {
        if (!Files.isRegularFile(file)) {
            throw new MediaException("nothing to probe at " + file);
        }
        List<String> command = new ArrayList<>(List.of(executable(), "-v", "error", "-print_format", "json",
                "-show_streams", "-show_format"));
        if (countFrames) {
            command.add("-count_frames");
        }
        command.add(file.toAbsolutePath().toString());
        byte[] json;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            // The bundled libavutil needs the bundled libva beside it, which the executable's
            // $ORIGIN runpath does not reach (runpaths do not apply to indirect dependencies).
            String libraries = Path.of(command.get(0)).getParent().toString();
            String inherited = builder.environment().get("LD_LIBRARY_PATH");
            builder.environment().put("LD_LIBRARY_PATH",
                    inherited == null || inherited.isEmpty() ? libraries : libraries + ":" + inherited);
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            json = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new MediaException("ffprobe took more than " + TIMEOUT_SECONDS + " s on " + file);
            }
            if (process.exitValue() != 0) {
                throw new MediaException("ffprobe failed on " + file + " (exit " + process.exitValue() + "): "
                        + new String(errors.join(), StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run ffprobe", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while probing " + file, e);
        }
        return parse(json);
    }

    static ProbeResult parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new MediaException("ffprobe printed malformed JSON", e);
        }
        List<ProbeResult.Stream> streams = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            long frames = s.has("nb_read_frames")
                    ? s.path("nb_read_frames").asLong(-1)
                    : s.path("nb_frames").asLong(-1);
            streams.add(new ProbeResult.Stream(
                    s.path("index").asInt(),
                    s.path("codec_type").asText(null),
                    s.path("codec_name").asText(null),
                    s.path("profile").asText(null),
                    s.path("width").asInt(0),
                    s.path("height").asInt(0),
                    s.path("pix_fmt").asText(null),
                    rational(s.path("avg_frame_rate").asText("")),
                    number(s.path("duration")),
                    frames,
                    s.path("sample_rate").asInt(0),
                    s.path("channels").asInt(0),
                    s.path("bit_rate").asLong(0)));
        }
        JsonNode f = root.path("format");
        ProbeResult.Format format = new ProbeResult.Format(f.path("format_name").asText(null),
                number(f.path("duration")), f.path("size").asLong(0), f.path("bit_rate").asLong(0));
        return new ProbeResult(format, List.copyOf(streams));
    }

    /** ffprobe prints numbers as strings ("2.000000"); missing or "N/A" reads as NaN. */
    private static double number(JsonNode node) {
        try {
            return node.isMissingNode() ? Double.NaN : Double.parseDouble(node.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** "25/1" -> 25.0; "0/0" (no rate) -> NaN. */
    private static double rational(String text) {
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
            }
            double num = Double.parseDouble(text.substring(0, slash));
            double den = Double.parseDouble(text.substring(slash + 1));
            return den == 0 ? Double.NaN : num / den;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled ffprobe, unpacked into JavaCPP's cache on first use. */
    private static String executable() {
        return Holder.FFPROBE;
    }

    private static final class Holder {
        static final String FFPROBE = Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
    }

    private MediaProbe() {
    }
}
