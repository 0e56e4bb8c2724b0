package org.opentalks.speech.cloud;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.Speech;
import org.opentalks.speech.WavFile;

/**
 * Real speech for the stand-ins to answer with: the script spoken word by word by espeak-ng and joined with a
 * short silence for each space, so that the stand-in knows exactly when every word and phone sounds, and
 * resampled to the rate the provider would send.
 */
public final class TestSpeech {
    /** The silence a space becomes. */
    public static final double GAP_SECONDS = 0.06;
    private static final EspeakSynthesizer ESPEAK = new EspeakSynthesizer();

    /** One span of the audio, in seconds. */
    public record Span(String name, double start, double end) {
    }

    /** The audio, its words and its espeak-ng phones. */
    public record Spoken(short[] samples, int sampleRate, List<Span> words, List<Span> phones) {
        public double duration() {
            return (double) samples.length / sampleRate;
        }

        public byte[] pcm16le() {
            ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            b.asShortBuffer().put(samples);
            return b.array();
        }

        public byte[] wav() {
            return WavFile.encode(samples, sampleRate);
        }

        /** When {@code word}'s first sound starts: its span less the pause espeak-ng leads it with. */
        public double onset(Span word) {
            for (Span phone : phones) {
                if (phone.start() >= word.start() - 1e-9 && phone.start() < word.end() && !phone.name().equals("_")) {
                    return phone.start();
                }
            }
            return word.start();
        }
    }

    private TestSpeech() {
    }

    public static Spoken speak(String text, int sampleRate) {
        List<short[]> pieces = new ArrayList<>();
        List<Span> words = new ArrayList<>();
        List<Span> phones = new ArrayList<>();
        int total = 0;
        String[] tokens = text.strip().split("\\s+");
        for (int t = 0; t < tokens.length; t++) {
            Speech word = ESPEAK.synthesize(tokens[t], "en-us");
            short[] samples = resample(word.samples(), word.sampleRate(), sampleRate);
            double offset = (double) total / sampleRate;
            double scale = (double) samples.length / sampleRate / word.durationSeconds();
            for (PhonemeTiming p : word.phonemes()) {
                phones.add(new Span(p.phoneme(), offset + p.start() * scale, offset + p.end() * scale));
            }
            words.add(new Span(tokens[t], offset, offset + (double) samples.length / sampleRate));
            pieces.add(samples);
            total += samples.length;
            if (t + 1 < tokens.length) {
                short[] gap = new short[(int) Math.round(GAP_SECONDS * sampleRate)];
                phones.add(new Span("_", (double) total / sampleRate, (double) (total + gap.length) / sampleRate));
                pieces.add(gap);
                total += gap.length;
            }
        }
        short[] all = new short[total];
        int at = 0;
        for (short[] piece : pieces) {
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
        }
        return new Spoken(all, sampleRate, words, phones);
    }

    /** Linear interpolation: plenty for a stand-in's answer. */
    public static short[] resample(short[] in, int from, int to) {
        if (from == to) {
            return in;
        }
        int n = (int) Math.round((double) in.length * to / from);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double x = (double) i * from / to;
            int i0 = (int) Math.floor(x);
            int i1 = Math.min(in.length - 1, i0 + 1);
            double f = x - i0;
            out[i] = (short) Math.round(in[Math.min(i0, in.length - 1)] * (1 - f) + in[i1] * f);
        }
        return out;
    }

    /** The audio as an MP3 at 128 kbit/s, encoded by the ffmpeg executable the FFmpeg jar bundles. */
    public static byte[] mp3(Spoken spoken, Path dir) throws IOException, InterruptedException {
        Path wav = Files.write(dir.resolve("speech.wav"), spoken.wav());
        Path mp3 = dir.resolve("speech.mp3");
        String executable = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        ProcessBuilder builder = new ProcessBuilder(executable, "-nostdin", "-v", "error", "-y", "-i", wav.toString(),
                "-c:a", "libmp3lame", "-b:a", "128k", mp3.toString()).redirectErrorStream(true);
        // The bundled libraries sit beside the executable.
        builder.environment().put("LD_LIBRARY_PATH", Path.of(executable).getParent().toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("ffmpeg failed: " + output);
        }
        return Files.readAllBytes(mp3);
    }
}
