package org.opentalks.speech;

/** flite's rms: its f0 ignores f0_shift, so pitch goes through PitchShifter. */
class FliteRmsTest extends LocalEngineContract {
    static final FliteEngine ENGINE = new FliteEngine();

    @Override
    SpeechEngine engine() {
        return ENGINE;
    }

    @Override
    String voiceId() {
        return "rms";
    }

    @Override
    boolean hasWords() {
        return false;
    }
}
