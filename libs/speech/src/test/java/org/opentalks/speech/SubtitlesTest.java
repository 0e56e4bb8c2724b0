package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubtitlesTest {
    private final EspeakSynthesizer espeak = new EspeakSynthesizer();

    @Test
    void cuesOfRealSpeechShowEachWordWhileItIsSpoken() {
        String script = ScriptWordsTest.SCRIPT + " Remember, doors open at eight o'clock sharp, coffee"
                + " and tea will be served in our big hall, and all our talks start at nine.";
        Speech speech = espeak.synthesize(script, "en-us");
        List<WordTiming> words = new ScriptWords().fromPhones(script, speech, "en-us");
        List<EspeakTruth.Word> truth = EspeakTruth.words(script, speech, "en-us");
        List<SubtitleCue> cues = Subtitles.cues(words, speech.durationSeconds());

        assertLaidOut(cues, speech.durationSeconds());
        // Reading the cues in order gives the script back, word for word, spelling and punctuation kept.
        List<String> shown = new ArrayList<>();
        cues.forEach(c -> c.lines().forEach(l -> shown.addAll(List.of(l.split(" ")))));
        assertEquals(List.of(script.split(" ")), shown);
        // Each word, where espeak said it, is on screen in the cue that carries it.
        int w = 0;
        for (SubtitleCue cue : cues) {
            for (String line : cue.lines()) {
                for (String ignored : line.split(" ")) {
                    EspeakTruth.Word spoken = truth.get(w++);
                    assertTrue(cue.start() <= spoken.start() + 1e-6 && spoken.end() <= cue.end() + 1e-6,
                            spoken + " is not inside " + cue);
                }
            }
        }
        // Sentences end cues: no cue carries a sentence end in its middle.
        for (SubtitleCue cue : cues) {
            String text = String.join(" ", cue.lines());
            assertTrue(!text.substring(0, text.length() - 1).matches(".*[.!?] .*"), "a sentence ends inside " + cue);
        }
        assertTrue(cues.stream().anyMatch(c -> c.lines().size() == 2), "the long sentence takes two lines");
        System.out.println("Subtitles of " + words.size() + " words:\n" + WebVtt.write(cues));
    }

    @Test
    void aPauseStartsANewCueAndLongSpeechIsCutBeforeSevenSeconds() {
        List<WordTiming> words = new ArrayList<>();
        double t = 0.3;
        for (int i = 0; i < 40; i++) {
            words.add(new WordTiming("w" + i, t, t + 0.25));
            t += i == 4 ? 1.5 : 0.3;
        }
        double duration = t + 0.2;
        List<SubtitleCue> cues = Subtitles.cues(words, duration);

        assertLaidOut(cues, duration);
        assertEquals(List.of("w0 w1 w2 w3 w4"), cues.get(0).lines(), "the 1.25 s pause after w4 ends the cue");
        assertEquals(0.3, cues.get(0).start(), 1e-9);
        assertEquals(1.5 + 0.25, cues.get(0).end(), 1e-9, "shown until the word ends");
        for (SubtitleCue cue : cues) {
            assertTrue(cue.end() - cue.start() <= Subtitles.MAX_CUE_SECONDS + 1e-9, cue::toString);
        }
    }

    @Test
    void aShortCueStaysUpASecondUnlessTheNextOneOrTheAudioEnds() {
        List<SubtitleCue> cues = Subtitles.cues(List.of(new WordTiming("Hi.", 0.5, 0.7),
                new WordTiming("Go!", 1.0, 1.2), new WordTiming("Now.", 3.0, 3.2)), 3.5);
        assertEquals(3, cues.size());
        assertEquals(1.0, cues.get(0).end(), 1e-9, "cut by the next cue");
        assertEquals(2.0, cues.get(1).end(), 1e-9, "a second after it appeared");
        assertEquals(3.5, cues.get(2).end(), 1e-9, "cut by the end of the audio");
        assertTrue(Subtitles.cues(List.of(new WordTiming("late", 4.0, 4.5)), 3.5).isEmpty(),
                "a word after the audio gets no cue");
    }

    @Test
    void twoLinesBreakNearTheMiddleOrAfterAComma() {
        assertEquals(List.of("When the weather is fine,", "we walk by the river and talk"),
                onlyCue("When the weather is fine, we walk by the river and talk").lines());
        assertEquals(List.of("the quick brown fox jumps over", "the lazy dog and runs away"),
                onlyCue("the quick brown fox jumps over the lazy dog and runs away").lines());
        assertEquals(List.of("Short and sweet."), onlyCue("Short and sweet.").lines());
    }

    @Test
    void aSentencesLastWordDoesNotStandAloneInACue() {
        List<WordTiming> words = new ArrayList<>();
        double t = 0;
        String text = "we will walk along the river and then we will talk about the week that was and all of it today";
        for (String w : (text + " again.").split(" ")) {
            words.add(new WordTiming(w, t, t + 0.2));
            t += 0.25;
        }
        List<SubtitleCue> cues = Subtitles.cues(words, t);
        assertLaidOut(cues, t);
        assertEquals(2, cues.size(), cues::toString);
        String last = String.join(" ", cues.get(1).lines());
        assertTrue(last.endsWith("again.") && last.split(" ").length > 1, "carried with company: " + last);
    }

    @Test
    void aWordLongerThanALineIsCutIntoLineSizedPieces() {
        String url = "https://example.com/a/very/long/path/that/goes/on/and/on/index.html";
        List<SubtitleCue> cues = Subtitles.cues(List.of(new WordTiming(url, 0, 3)), 3);
        assertLaidOut(cues, 3);
        assertEquals(url, String.join("", cues.get(0).lines()));
    }

    private static SubtitleCue onlyCue(String text) {
        List<WordTiming> words = new ArrayList<>();
        double t = 0;
        for (String w : text.split(" ")) {
            words.add(new WordTiming(w, t, t + 0.2));
            t += 0.25;
        }
        List<SubtitleCue> cues = Subtitles.cues(words, t);
        assertEquals(1, cues.size(), cues::toString);
        return cues.get(0);
    }

    static void assertLaidOut(List<SubtitleCue> cues, double duration) {
        double previous = 0;
        for (SubtitleCue cue : cues) {
            assertTrue(cue.lines().size() <= Subtitles.MAX_LINES, cue::toString);
            for (String line : cue.lines()) {
                assertTrue(line.length() <= Subtitles.MAX_LINE_CHARS, "line too long: '" + line + "'");
            }
            assertTrue(cue.start() >= previous - 1e-9, "cues overlap at " + cue);
            assertTrue(cue.end() <= duration + 1e-9, "cue after the audio: " + cue);
            assertTrue(cue.end() - cue.start() <= Subtitles.MAX_CUE_SECONDS + 1e-9, "cue too long: " + cue);
            previous = cue.end();
        }
    }
}
