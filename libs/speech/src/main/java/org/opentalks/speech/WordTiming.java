package org.opentalks.speech;

/**
 * One spoken word's span in the audio, in seconds from its first sample: what subtitles are made of.
 *
 * @param word the word as written in the script (or as a recogniser heard it)
 */
public record WordTiming(String word, double start, double end) {
    public WordTiming {
        if (word == null || word.isBlank() || !(start >= 0 && end >= start)) {
            throw new IllegalArgumentException("bad word span '" + word + "' " + start + ".." + end);
        }
    }
}
