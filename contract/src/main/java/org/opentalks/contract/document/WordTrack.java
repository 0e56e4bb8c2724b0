package org.opentalks.contract.document;

import java.util.List;

/**
 * {@code work/{talkId}/words.json}: the spoken words and their times, written by the tts-service when a
 * talk asks for subtitles; the muxer makes the subtitle files (and burns them in) from it.
 *
 * @param source how the times were found: {@code engine} (the voice's own word timings), {@code phones}
 *               (the script's words aligned to the spoken phones), {@code recognised} (a speech recogniser
 *               on the audio) or {@code none} (no words could be timed: the subtitles are empty)
 */
public record WordTrack(double durationSeconds, String source, List<Word> words) {
    public WordTrack {
        words = List.copyOf(words);
    }

    /** One word, as written in the script (or as the recogniser heard it), in seconds from the start. */
    public record Word(String text, double start, double end) {
    }
}
