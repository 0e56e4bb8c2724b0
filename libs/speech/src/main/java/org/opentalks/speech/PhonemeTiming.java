package org.opentalks.speech;

/**
 * One phoneme's span in the audio, in seconds from its first sample.
 *
 * @param phoneme the espeak-ng mnemonic, e.g. {@code oU}; {@code _} marks a pause
 */
public record PhonemeTiming(String phoneme, double start, double end) {
    public PhonemeTiming {
        if (!(start >= 0 && end >= start)) {
            throw new IllegalArgumentException("bad phoneme span " + phoneme + " " + start + ".." + end);
        }
    }
}
