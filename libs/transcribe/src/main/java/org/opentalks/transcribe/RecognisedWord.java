package org.opentalks.transcribe;

import org.opentalks.speech.WordTiming;

/**
 * One word a recogniser heard, in seconds from the first sample, spelled as the model spells (lower case for
 * Vosk's English model).
 *
 * @param confidence the recogniser's posterior for the word, 0 to 1
 */
public record RecognisedWord(String word, double start, double end, double confidence) {
    public RecognisedWord {
        if (word == null || word.isBlank() || !(start >= 0 && end >= start)) {
            throw new IllegalArgumentException("bad word span '" + word + "' " + start + ".." + end);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must lie in [0, 1], not " + confidence);
        }
    }

    public WordTiming timing() {
        return new WordTiming(word, start, end);
    }
}
