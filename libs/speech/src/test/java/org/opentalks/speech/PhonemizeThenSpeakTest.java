package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Phonemising a script word by word must leave the next synthesis exactly as it would have been. */
class PhonemizeThenSpeakTest {
    @Test
    void manyPhonemisationsInARowDoNotEatTheNextSpeechsFirstPhonemes() {
        EspeakSynthesizer espeak = new EspeakSynthesizer();
        EspeakPhonemizer phonemizer = new EspeakPhonemizer();
        List<PhonemeTiming> before = espeak.synthesize("Good morning, everyone.", "en-us").phonemes();
        for (int i = 0; i < 200; i++) {
            phonemizer.mnemonics("word" + i, "en-us");
        }
        List<PhonemeTiming> after = espeak.synthesize("Good morning, everyone.", "en-us").phonemes();

        assertEquals(before.stream().map(PhonemeTiming::phoneme).toList(),
                after.stream().map(PhonemeTiming::phoneme).toList());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).start(), after.get(i).start(), 0.005, "phoneme " + i + " moved");
        }
    }
}
