package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Text to speech with libespeak-ng: 16-bit mono PCM plus the timing of every phoneme, taken from espeak's
 * PHONEME events. Safe to share and to call from several threads; calls are serialised process-wide
 * because espeak-ng keeps global state.
 *
 * <p>The same text and voice always give the same phonemes, but not bit-identical samples: espeak-ng 1.51 keeps
 * wave generator state (the pitch-flutter phase, gain control) in function statics that neither
 * espeak_Initialize nor any other call resets, so durations drift by a few pitch periods from call to call.
 */
public final class EspeakSynthesizer implements AutoCloseable {

    /** The phoneme name given to silence the events do not cover (before the first phoneme). */
    public static final String PAUSE = "_";

    private final EspeakEngine engine;
    private volatile boolean closed;

    /**
     * Loads libespeak-ng (soname libespeak-ng.so.1) and initialises it on first use in the process.
     *
     * @throws IllegalStateException if the library or its data are not installed
     */
    public EspeakSynthesizer() {
        this.engine = EspeakEngine.get();
    }

    /** Speaks plain UTF-8 text with the given voice (a name or language such as {@code en-us}). */
    public Speech synthesize(String text, String voiceName) {
        return synthesize(text, voiceName, false);
    }

    /**
     * Speaks {@code text}, which is SSML markup when {@code ssml} is true.
     *
     * @throws IllegalArgumentException if espeak-ng has no voice called {@code voiceName}
     */
    public Speech synthesize(String text, String voiceName, boolean ssml) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(voiceName, "voiceName");
        if (closed) {
            throw new IllegalStateException("synthesizer is closed");
        }
        EspeakEngine.Output out = engine.synthesize(text, voiceName, ssml);
        return new Speech(out.samples(), out.sampleRate(),
                timings(out.phonemes(), out.samples().length, out.sampleRate()), voiceName);
    }

    /**
     * Turns phoneme start marks into spans that tile [0, totalSamples]: each phoneme ends where the next
     * starts, the last at the end of the audio, and a leading gap becomes a {@link #PAUSE}. Marks are clamped
     * to be non-decreasing and inside the audio, so spans never overlap; empty spans (espeak's zero-length
     * boundary marks such as {@code _|}) are left out.
     */
    static List<PhonemeTiming> timings(List<EspeakEngine.Mark> marks, int totalSamples, int sampleRate) {
        List<PhonemeTiming> out = new ArrayList<>(marks.size() + 1);
        int n = marks.size();
        int[] starts = new int[n + 1];
        int previous = 0;
        for (int i = 0; i < n; i++) {
            previous = Math.min(totalSamples, Math.max(previous, marks.get(i).sample()));
            starts[i] = previous;
        }
        starts[n] = totalSamples;
        if (starts[0] > 0) {
            out.add(new PhonemeTiming(PAUSE, 0.0, seconds(starts[0], sampleRate)));
        }
        for (int i = 0; i < n; i++) {
            if (starts[i + 1] > starts[i]) {
                out.add(new PhonemeTiming(marks.get(i).phoneme(), seconds(starts[i], sampleRate),
                        seconds(starts[i + 1], sampleRate)));
            }
        }
        return out;
    }

    private static double seconds(int sample, int sampleRate) {
        return (double) sample / sampleRate;
    }

    /** Releases this handle; the process-wide engine stays up for other synthesizers. */
    @Override
    public void close() {
        closed = true;
    }
}
