package org.opentalks.speech;

/** flite's slt: pitch through flite's own f0_shift. */
class FliteSltTest extends LocalEngineContract {
    static final FliteEngine ENGINE = new FliteEngine();

    @Override
    SpeechEngine engine() {
        return ENGINE;
    }

    @Override
    String voiceId() {
        return "slt";
    }

    @Override
    boolean hasWords() {
        return false;
    }
}
