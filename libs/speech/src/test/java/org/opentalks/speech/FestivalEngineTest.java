package org.opentalks.speech;

class FestivalEngineTest extends LocalEngineContract {
    static final FestivalEngine ENGINE = new FestivalEngine();

    @Override
    SpeechEngine engine() {
        return ENGINE;
    }

    @Override
    String voiceId() {
        return "slt-hts";
    }

    @Override
    boolean hasWords() {
        return true;
    }
}
