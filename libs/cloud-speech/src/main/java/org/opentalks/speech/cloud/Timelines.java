package org.opentalks.speech.cloud;

import java.util.ArrayList;
import java.util.List;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.Speech;
import org.opentalks.speech.WordTiming;

/** Providers' marks to phone spans that tile the audio, and word spans kept inside it. */
final class Timelines {
    /** A 10 ms window quieter than this (−50 dBFS RMS) is silence when trimming a word's end. */
    static final double SILENCE_RMS = 32768 * Math.pow(10, -50 / 20.0);
    static final double WINDOW_SECONDS = 0.010;

    private Timelines() {
    }

    /**
     * Phones from their start times, tiling [0, {@code duration}]: starts are clamped to be non-decreasing and
     * inside the audio, each phone ends where the next starts (or at {@code ends[i]} when that is earlier, the
     * gap becoming {@code pause}), time before the first is {@code pause}, and so is time after the last when
     * {@code ends} says it ended early. Empty spans are left out.
     *
     * @param ends each phone's own end, or null where the provider gives only starts
     */
    static List<PhonemeTiming> tile(List<String> names, double[] starts, double[] ends, double duration,
                                    String pause) {
        List<PhonemeTiming> out = new ArrayList<>(names.size() + 2);
        int n = names.size();
        double[] s = new double[n];
        double previous = 0;
        for (int i = 0; i < n; i++) {
            previous = Math.min(duration, Math.max(previous, starts[i]));
            s[i] = previous;
        }
        double covered = 0;
        for (int i = 0; i < n; i++) {
            double next = i + 1 < n ? s[i + 1] : duration;
            double end = ends == null ? next : Math.max(s[i], Math.min(next, ends[i]));
            if (s[i] > covered) {
                out.add(new PhonemeTiming(pause, covered, s[i]));
            }
            if (end > s[i]) {
                out.add(new PhonemeTiming(names.get(i), s[i], end));
            }
            covered = Math.max(covered, end);
        }
        if (covered < duration) {
            out.add(new PhonemeTiming(pause, covered, duration));
        }
        return out;
    }

    /** A word span clamped inside [0, duration]; null when nothing of it is left or the word is blank. */
    static WordTiming word(String word, double start, double end, double duration) {
        if (word == null || word.isBlank()) {
            return null;
        }
        double s = Math.max(0, Math.min(start, duration));
        double e = Math.max(s, Math.min(end, duration));
        return new WordTiming(word, s, e);
    }

    /**
     * Where the sound in [from, to] ends: in the last {@value #WINDOW_SECONDS} s window above −50 dBFS RMS (so that
     * a click does not count), after its last sample above that level; {@code from} if all is silent. A word
     * followed by a pause thus does not take the pause in.
     */
    static double voicedEnd(short[] samples, int rate, double from, double to) {
        int window = Math.max(1, (int) Math.round(WINDOW_SECONDS * rate));
        int lo = (int) Math.max(0, Math.floor(from * rate));
        int hi = (int) Math.min(samples.length, Math.ceil(to * rate));
        for (int end = hi; end - window >= lo; end -= window) {
            double sum = 0;
            for (int i = end - window; i < end; i++) {
                sum += (double) samples[i] * samples[i];
            }
            if (Math.sqrt(sum / window) > SILENCE_RMS) {
                int last = end - 1;
                while (last > end - window && Math.abs(samples[last]) <= SILENCE_RMS) {
                    last--;
                }
                return Math.max(from, Math.min(to, (double) (last + 1) / rate));
            }
        }
        return from;
    }

    /** Speech pieces spoken one after another, as one: samples joined, timings shifted. */
    static Speech concat(List<Speech> pieces) {
        if (pieces.size() == 1) {
            return pieces.get(0);
        }
        Speech first = pieces.get(0);
        int total = 0;
        for (Speech piece : pieces) {
            if (piece.sampleRate() != first.sampleRate()) {
                throw new IllegalStateException(first.engine() + " spoke at " + piece.sampleRate() + " Hz after "
                        + first.sampleRate());
            }
            total = Math.addExact(total, piece.samples().length);
        }
        short[] samples = new short[total];
        List<PhonemeTiming> phones = new ArrayList<>();
        List<WordTiming> words = new ArrayList<>();
        int at = 0;
        for (Speech piece : pieces) {
            double offset = (double) at / first.sampleRate();
            System.arraycopy(piece.samples(), 0, samples, at, piece.samples().length);
            for (PhonemeTiming p : piece.phonemes()) {
                phones.add(new PhonemeTiming(p.phoneme(), p.start() + offset, p.end() + offset));
            }
            for (WordTiming w : piece.words()) {
                words.add(new WordTiming(w.word(), w.start() + offset, w.end() + offset));
            }
            at += piece.samples().length;
        }
        return new Speech(samples, first.sampleRate(), phones, first.voice(), first.engine(), first.phoneSet(), words);
    }
}
