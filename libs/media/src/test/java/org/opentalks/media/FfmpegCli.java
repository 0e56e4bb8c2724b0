package org.opentalks.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/** The ffmpeg executable bundled in the FFmpeg jar, to make test inputs in formats the library only reads. */
final class FfmpegCli {
    /** Runs {@code ffmpeg -v error -y <args>} and fails with its messages if it fails. */
    static void run(String... args) throws IOException, InterruptedException {
        String executable = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        List<String> command = new ArrayList<>(List.of(executable, "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // As for ffprobe in MediaProbe: the bundled libraries sit beside the executable.
        builder.environment().put("LD_LIBRARY_PATH", Path.of(executable).getParent().toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("ffmpeg " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** Copies a mono input into both channels at full level ({@code -ac 2} would lower each by 3 dB). */
    static final String TO_STEREO = "pan=stereo|c0=c0|c1=c0";

    /** A 440 Hz sine at 1/8 of full scale, the same in both channels of 44.1 kHz stereo. */
    static Path sine(Path file, double seconds, String... encoding) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100:duration=" + seconds, "-af", TO_STEREO));
        args.addAll(List.of(encoding));
        args.add(file.toString());
        run(args.toArray(String[]::new));
        return file;
    }

    private FfmpegCli() {
    }
}
