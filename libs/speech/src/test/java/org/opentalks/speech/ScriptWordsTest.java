package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptWordsTest {
    static final String SCRIPT = "Good morning, everyone. Thank you for coming to the meeting. Today we will talk "
            + "about our plans and the new building. The project will begin in May, and it should be finished by "
            + "the end of next year. Please send me your questions before Monday.";

    private final EspeakSynthesizer espeak = new EspeakSynthesizer();
    private final ScriptWords scriptWords = new ScriptWords();

    @Test
    void wordsKeepTheScriptsSpellingAndFallWhereEspeakSaidThem() {
        Speech speech = espeak.synthesize(SCRIPT, "en-us");
        List<WordTiming> words = scriptWords.fromPhones(SCRIPT, speech, "en-us");
        List<EspeakTruth.Word> truth = EspeakTruth.words(SCRIPT, speech, "en-us");

        assertEquals(truth.stream().map(EspeakTruth.Word::word).toList(),
                words.stream().map(WordTiming::word).toList(), "the script's own tokens, punctuation kept");
        double worst = 0;
        for (int i = 0; i < words.size(); i++) {
            WordTiming w = words.get(i);
            EspeakTruth.Word t = truth.get(i);
            worst = Math.max(worst, Math.max(Math.abs(w.start() - t.start()), Math.abs(w.end() - t.end())));
            assertTrue(w.end() > w.start(), w::toString);
            assertTrue(w.start() < t.end() && t.start() < w.end(), w + " does not overlap espeak's " + t);
        }
        System.out.printf("ScriptWords.fromPhones: %d words, worst boundary off espeak's by %.0f ms%n",
                words.size(), worst * 1000);
        assertTrue(worst <= 0.030, "boundaries within 30 ms of espeak's, worst " + worst);
        assertOrderedInside(words, speech.durationSeconds());
    }

    @Test
    void aLongScriptAlignsInLinearTime() {
        String script = String.join(" ", Collections.nCopies(60, SCRIPT));
        Speech speech = espeak.synthesize(script, "en-us");
        long t0 = System.nanoTime();
        List<WordTiming> words = scriptWords.fromPhones(script, speech, "en-us");
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<EspeakTruth.Word> truth = EspeakTruth.words(script, speech, "en-us");

        assertEquals(truth.size(), words.size());
        int off = 0;
        for (int i = 0; i < words.size(); i++) {
            off += Math.abs(words.get(i).start() - truth.get(i).start()) > 0.03 ? 1 : 0;
        }
        System.out.printf("ScriptWords.fromPhones: %d words (%.0f s of speech) in %.2f s, %d boundaries off%n",
                words.size(), speech.durationSeconds(), seconds, off);
        assertEquals(0, off, "every word starts within 30 ms of espeak's start");
        assertTrue(seconds < 10, "aligning took " + seconds + " s");
    }

    @Test
    void numbersAbbreviationsAndBreaksStillGetTheirOwnTime() {
        String ssml = "<speak>Dr. Smith paid 42 dollars, in 1999, for three books. <break time=\"800ms\"/>"
                + " Then he went home \u2014 happy.</speak>";
        String plain = "Dr. Smith paid 42 dollars, in 1999, for three books. Then he went home \u2014 happy.";
        Speech speech = espeak.synthesize(ssml, "en-us", true);
        List<WordTiming> words = scriptWords.fromPhones(plain, speech, "en-us");

        assertEquals(List.of("Dr.", "Smith", "paid", "42", "dollars,", "in", "1999,", "for", "three", "books.",
                "Then", "he", "went", "home \u2014", "happy."), words.stream().map(WordTiming::word).toList());
        assertOrderedInside(words, speech.durationSeconds());
        for (WordTiming w : words) {
            assertTrue(w.end() - w.start() >= 0.08, "every word is heard for a while: " + w);
        }
        // "1999" is read as four words and takes longer than any single short word near it.
        assertTrue(duration(words.get(6)) > 2 * duration(words.get(5)), words::toString);
        EspeakTruth.Pause pause = EspeakTruth.pauses(speech, 0.6).get(0);
        assertTrue(words.get(9).end() <= pause.start() + 0.02 && words.get(10).start() >= pause.end() - 0.02,
                "the break lies between 'books.' and 'Then': " + pause + " " + words);
    }

    @Test
    void otherPhoneSetsAreSentToTheRecognitionRoute() {
        Speech speech = new Speech(new short[16_000], 16_000, List.of(), "slt", "flite", PhoneSet.ARPABET, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scriptWords.fromPhones("Hello.", speech, "en-us"));
        assertTrue(e.getMessage().contains("fromRecognised"), e.getMessage());
    }

    @Test
    void recognisedWordsAreMappedOntoTheScriptsSpelling() {
        List<WordTiming> heard = List.of(new WordTiming("hello", 0.0, 0.4), new WordTiming("doctor", 0.5, 0.8),
                new WordTiming("smith", 0.8, 1.2), new WordTiming("it's", 1.3, 1.6), new WordTiming("forty", 1.7, 2.0),
                new WordTiming("two", 2.0, 2.3), new WordTiming("degrees", 2.3, 2.9));
        List<WordTiming> words = ScriptWords.fromRecognised("Hello, Dr. Smith! It\u2019s 42 degrees.", heard);

        assertEquals(List.of(new WordTiming("Hello,", 0.0, 0.4), new WordTiming("Dr.", 0.5, 0.8),
                new WordTiming("Smith!", 0.8, 1.2), new WordTiming("It\u2019s", 1.3, 1.6),
                new WordTiming("42", 1.7, 2.3), new WordTiming("degrees.", 2.3, 2.9)), words);
    }

    @Test
    void aWordTheRecogniserMissedTakesTheGapItLeft() {
        List<WordTiming> heard = List.of(new WordTiming("it", 0.0, 0.2), new WordTiming("cold", 0.6, 1.0),
                new WordTiming("today", 1.0, 1.5));
        assertEquals(List.of(new WordTiming("It", 0.0, 0.2), new WordTiming("is", 0.2, 0.6),
                new WordTiming("cold", 0.6, 1.0), new WordTiming("today.", 1.0, 1.5)),
                ScriptWords.fromRecognised("It is cold today.", heard));
        assertEquals(List.of(new WordTiming("Nothing", 0, 0), new WordTiming("heard.", 0, 0)),
                ScriptWords.fromRecognised("Nothing heard.", List.of()));
    }

    @Test
    void tokensJoinLonePunctuationToTheWordBefore() {
        assertEquals(List.of("Wait \u2014", "what?", "Yes \u2026"),
                ScriptWords.tokens("  Wait \u2014 what?\n Yes \u2026 "));
    }

    private static double duration(WordTiming w) {
        return w.end() - w.start();
    }

    static void assertOrderedInside(List<WordTiming> words, double duration) {
        double previous = 0;
        for (WordTiming w : words) {
            assertTrue(w.start() >= previous - 1e-9 && w.end() <= duration + 1e-9, "out of order or outside: " + w);
            previous = w.end();
        }
    }
}
