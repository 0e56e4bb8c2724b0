package org.opentalks.speech;

/** 16-bit mono PCM samples at a sample rate in Hz. */
public record Pcm(short[] samples, int sampleRate) {
    public Pcm {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
