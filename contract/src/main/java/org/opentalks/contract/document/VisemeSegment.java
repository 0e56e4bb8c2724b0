package org.opentalks.contract.document;

/** One phoneme's span in the speech, in seconds from the start of {@code speech.wav}. */
public record VisemeSegment(Viseme viseme, double start, double end, String phoneme) {
    public VisemeSegment {
        if (!(end >= start)) {
            throw new IllegalArgumentException("segment ends before it starts: " + start + ".." + end);
        }
    }
}
