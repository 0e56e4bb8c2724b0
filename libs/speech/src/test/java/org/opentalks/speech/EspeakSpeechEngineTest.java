package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EspeakSpeechEngineTest extends LocalEngineContract {
    static final EspeakSpeechEngine ENGINE = new EspeakSpeechEngine();

    @Override
    SpeechEngine engine() {
        return ENGINE;
    }

    @Override
    String voiceId() {
        return "en-us";
    }

    @Override
    boolean hasWords() {
        return true;
    }

    @Test
    void wordsAreFoundByCharacterNotByteInAccentedText() {
        SpeechVoice french = ENGINE.voices().stream().filter(v -> v.id().equals("fr-fr+f3")).findFirst().orElseThrow();
        Speech speech = ENGINE.speak("Le café est très bon, déjà prêt.", french, Prosody.NEUTRAL);
        assertEquals(List.of("Le", "café", "est", "très", "bon", "déjà", "prêt"),
                speech.words().stream().map(WordTiming::word).toList());
        assertEquals("fr-FR", french.locale());
        assertEquals(Gender.FEMALE, french.gender());
    }

    @Test
    void theFemaleVariantSpeaksHigher() {
        SpeechVoice female = ENGINE.voices().stream().filter(v -> v.id().equals("en-us+f3")).findFirst().orElseThrow();
        Speech male = speak(SENTENCE, Prosody.NEUTRAL);
        Speech high = ENGINE.speak(SENTENCE, female, Prosody.NEUTRAL);
        double ratio = F0.median(high.samples(), high.sampleRate()) / F0.median(male.samples(), male.sampleRate());
        assertTrue(ratio > 1.5, "female variant's f0 is only " + ratio + " × the male voice's");
    }
}
