package org.opentalks.speech.piper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentalks.speech.EspeakPhonemizer;

/** Piper's phonemes from text: espeak-ng's clauses (asked here too, as the oracle) with their terminators kept. */
class PiperPhonemizerTest {
    private static final EspeakPhonemizer ESPEAK = new EspeakPhonemizer();
    private final PiperPhonemizer english = new PiperPhonemizer(ESPEAK, "en-us", Map.of());

    @Test
    void sentencesEndAtFullStopsQuestionsAndExclamations() {
        List<String> c = ESPEAK.ipa("Hello world. How are you? Fine!", "en-us");
        assertEquals(List.of(c.get(0) + ".", c.get(1) + "?", c.get(2) + "!"),
                texts(english.sentences("Hello world. How are you? Fine!")));
    }

    @Test
    void commasColonsAndSemicolonsStayInTheSentenceWithASpace() {
        List<String> c = ESPEAK.ipa("Wait; what: now, please.", "en-us");
        assertEquals(4, c.size());
        assertEquals(List.of(c.get(0) + "; " + c.get(1) + ": " + c.get(2) + ", " + c.get(3) + "."),
                texts(english.sentences("Wait; what: now, please.")));
    }

    @Test
    void punctuationEspeakDoesNotEndAClauseAtIsNotATerminator() {
        // "3.5" and "e.g." do not end clauses for espeak-ng; "Mr." before a capital does, as in Piper.
        List<String> c = ESPEAK.ipa("It costs 3.5 dollars, e.g. cheap.", "en-us");
        assertEquals(List.of(c.get(0) + ", " + c.get(1) + "."),
                texts(english.sentences("It costs 3.5 dollars, e.g. cheap.")));
        List<String> mister = ESPEAK.ipa("Mr. Smith arrived.", "en-us");
        assertEquals(List.of(mister.get(0) + ".", mister.get(1) + "."), texts(english.sentences("Mr. Smith arrived.")));
    }

    @Test
    void aQuotedClauseKeepsItsComma() {
        List<String> c = ESPEAK.ipa("\"Hello,\" she said.", "en-us");
        assertEquals(List.of(c.get(0) + ", " + c.get(1) + "."), texts(english.sentences("\"Hello,\" she said.")));
    }

    @Test
    void languageSwitchesAreDroppedAndPhonemesDecomposed() {
        PiperPhonemizer french = new PiperPhonemizer(ESPEAK, "fr", Map.of());
        String spoken = texts(french.sentences("J'aime le football et le week-end.")).get(0);
        assertTrue(!spoken.contains("(en)") && !spoken.contains("(fr)") && spoken.contains("fˈʊtbɔːl"), spoken);
        // German ç ("ich") is c and a combining cedilla, as Piper's phoneme ids expect it.
        PiperPhonemizer german = new PiperPhonemizer(ESPEAK, "de", Map.of());
        String ich = new String(german.sentences("Ich.").get(0).phonemes(), 0,
                german.sentences("Ich.").get(0).phonemes().length);
        assertTrue(ich.contains("c\u0327") && !ich.contains("ç"), ich);
    }

    @Test
    void theVoicesPhonemeMapApplies() {
        PiperPhonemizer mapped = new PiperPhonemizer(ESPEAK, "en-us", Map.of((int) 'ʊ', new int[] {'u', 'w'}));
        String plain = texts(english.sentences("Hello.")).get(0);
        assertEquals(plain.replace("ʊ", "uw"), texts(mapped.sentences("Hello.")).get(0));
    }

    @Test
    void wordsAreTheWrittenOnesOverTheirPhonemes() {
        PiperPhonemizer.Sentence sentence = english.sentences("Hello, big world.").get(0);
        String spoken = new String(sentence.phonemes(), 0, sentence.phonemes().length);
        List<PiperPhonemizer.Word> words = sentence.words();
        assertEquals(List.of("Hello", "big", "world"), words.stream().map(PiperPhonemizer.Word::text).toList());
        assertEquals("həlˈoʊ", spoken.substring(words.get(0).from(), words.get(0).to()));
        assertEquals("wˈɜːld", Normalizer.normalize(spoken.substring(words.get(2).from(), words.get(2).to()),
                Normalizer.Form.NFC));
        // "3.5" is said in three words: the written ones are spread over the clause, in order.
        List<PiperPhonemizer.Word> spread = english.sentences("It costs 3.5 dollars.").get(0).words();
        assertEquals(List.of("It", "costs", "3.5", "dollars"), spread.stream().map(PiperPhonemizer.Word::text)
                .toList());
        for (int i = 1; i < spread.size(); i++) {
            assertTrue(spread.get(i).from() >= spread.get(i - 1).to(), spread::toString);
        }
    }

    @Test
    void ipaGivenDirectlyIsOneSentence() {
        assertArrayEquals(Normalizer.normalize("təmˈɑːtoʊ", Normalizer.Form.NFD).codePoints().toArray(),
                PiperPhonemizer.raw(" /təmˈɑːtoʊ/ ").phonemes());
    }

    private static List<String> texts(List<PiperPhonemizer.Sentence> sentences) {
        return sentences.stream().map(s -> Normalizer.normalize(new String(s.phonemes(), 0, s.phonemes().length),
                Normalizer.Form.NFC)).toList();
    }
}
