package org.opentalks.speech;

import java.util.List;

/**
 * Synthesized speech: 16-bit mono PCM and the phonemes that tile it, consecutive from 0 to
 * {@link #durationSeconds()}.
 *
 * @param voice the espeak-ng voice that spoke, e.g. {@code en-us}
 */
public record Speech(short[] samples, int sampleRate, List<PhonemeTiming> phonemes, String voice) {
    public Speech {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        phonemes = List.copyOf(phonemes);
    }

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
