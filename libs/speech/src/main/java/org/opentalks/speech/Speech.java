package org.opentalks.speech;

import java.util.List;

/**
 * Synthesized speech: 16-bit mono PCM, the phones that tile it (consecutive from 0 to
 * {@link #durationSeconds()}, named in {@link #phoneSet()}), and the words where the engine knows them.
 *
 * @param voice  the voice that spoke, within its engine ({@code en-us}, {@code slt})
 * @param engine the engine's id ({@code espeak-ng}, {@code flite})
 * @param words  the words' spans, in order; empty where the engine does not tell
 */
public record Speech(short[] samples, int sampleRate, List<PhonemeTiming> phonemes, String voice, String engine,
                     PhoneSet phoneSet, List<WordTiming> words) {
    public static final String ESPEAK = "espeak-ng";

    public Speech {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        phonemes = List.copyOf(phonemes);
        words = List.copyOf(words);
    }

    /** espeak-ng's speech: its mnemonics, no words. */
    public Speech(short[] samples, int sampleRate, List<PhonemeTiming> phonemes, String voice) {
        this(samples, sampleRate, phonemes, voice, ESPEAK, PhoneSet.ESPEAK, List.of());
    }

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }

    /** {@code engine:voice}, as {@code metadata.voice} names the voice that spoke. */
    public String label() {
        return engine + ":" + voice;
    }
}
