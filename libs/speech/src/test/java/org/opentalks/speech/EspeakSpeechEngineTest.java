package org.opentalks.speech;

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
}
