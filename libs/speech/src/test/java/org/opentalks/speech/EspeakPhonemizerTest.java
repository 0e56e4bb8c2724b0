package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EspeakPhonemizerTest {
    private final EspeakPhonemizer phonemizer = new EspeakPhonemizer();

    @Test
    void textBecomesIpaOrMnemonicsClauseByClause() {
        List<String> ipa = phonemizer.ipa("Hello world. How are you?", "en-us");
        List<String> mnemonics = phonemizer.mnemonics("Hello world.", "en-us");

        assertEquals(2, ipa.size(), ipa::toString);
        assertTrue(ipa.get(0).contains("h") && ipa.get(0).contains("w") && ipa.get(0).contains("ˈ"), ipa::toString);
        assertTrue(ipa.get(0).contains(" "), "words are separated: " + ipa);
        assertTrue(mnemonics.get(0).contains("'") && mnemonics.get(0).contains("@"), mnemonics::toString);
    }

    @Test
    void phonemizingDoesNotDisturbSynthesis() {
        EspeakSynthesizer synthesizer = new EspeakSynthesizer();
        int before = synthesizer.synthesize("Testing one two.", "en-us").phonemes().size();
        phonemizer.ipa("Something else entirely, in French perhaps.", "fr-fr");
        assertEquals(before, synthesizer.synthesize("Testing one two.", "en-us").phonemes().size());
    }
}
