package org.opentalks.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.speech.EspeakTruth;
import org.opentalks.speech.ScriptWords;
import org.opentalks.speech.WordTiming;

/** The other way to time a script's words: transcribe the synthesised audio and map the words onto the script. */
class RecognisedScriptWordsTest {
    @Test
    void recognisedWordsTimeTheScriptNearlyAsWellAsEspeaksPhones() {
        Recording r = Recording.get();
        List<WordTiming> byRecognition = ScriptWords.fromRecognised(Recording.TEXT, r.transcript.timings());
        List<WordTiming> byPhones = new ScriptWords().fromPhones(Recording.TEXT, r.speech, "en-us");

        assertEquals(r.truth.size(), byRecognition.size());
        double recognitionError = 0;
        double phoneError = 0;
        int overlapping = 0;
        for (int i = 0; i < r.truth.size(); i++) {
            EspeakTruth.Word said = r.truth.get(i);
            WordTiming w = byRecognition.get(i);
            assertEquals(said.word(), w.word(), "the script's spelling");
            recognitionError += Math.abs(w.start() - said.start());
            phoneError += Math.abs(byPhones.get(i).start() - said.start());
            overlapping += w.start() < said.end() && said.start() < w.end() ? 1 : 0;
        }
        int n = r.truth.size();
        System.out.printf("script word starts off espeak's: %.0f ms by recognition (%d of %d overlap), "
                + "%.0f ms by phones%n", 1000 * recognitionError / n, overlapping, n, 1000 * phoneError / n);
        assertTrue(overlapping >= 0.9 * n, overlapping + " of " + n);
        assertTrue(recognitionError / n < 0.1, "mean start error " + recognitionError / n);
    }
}
