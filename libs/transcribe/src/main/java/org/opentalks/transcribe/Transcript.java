package org.opentalks.transcribe;

import java.util.List;
import java.util.stream.Collectors;
import org.opentalks.speech.WordTiming;

/**
 * What a recogniser heard in a recording: its words in order, each inside [0, {@code durationSeconds}].
 *
 * @param language the language of the model that listened, e.g. {@code en-us}
 * @param model    the model's name and version, for logs and metadata
 */
public record Transcript(String language, String model, double durationSeconds, List<RecognisedWord> words) {
    public Transcript {
        words = List.copyOf(words);
    }

    /** The words joined by spaces. */
    public String text() {
        return words.stream().map(RecognisedWord::word).collect(Collectors.joining(" "));
    }

    /** The words as word timings, for subtitles and mouth shapes. */
    public List<WordTiming> timings() {
        return words.stream().map(RecognisedWord::timing).toList();
    }
}
