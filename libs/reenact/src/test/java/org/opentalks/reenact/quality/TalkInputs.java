package org.opentalks.reenact.quality;

import org.opentalks.contract.document.DriverTrack;
import org.opentalks.drivers.DriverBank;
import org.opentalks.drivers.DriverRef;
import org.opentalks.drivers.SourcePose;
import org.opentalks.reenact.SpeechEnergy;

/**
 * What the acceptance tests' talks are made of: a script spoken by espeak-ng, the frames it lasts, the
 * default bank's driver for it (frontal, a fixed seed) and its loudness envelope.
 */
record TalkInputs(SpokenScript speech, int frames, DriverTrack driver, float[] energy) {
    static TalkInputs of(String script, double fps, long driverSeed) {
        SpokenScript speech = SpokenScript.speak(script);
        int frames = (int) Math.ceil(speech.durationSeconds() * fps - 1e-9);
        DriverTrack driver = DriverBank.load().track(DriverRef.DEFAULT, true, SourcePose.FRONTAL, speech.visemes(),
                speech.durationSeconds(), fps, driverSeed);
        float[] energy = SpeechEnergy.envelope(speech.samples(), speech.sampleRate(), fps, frames);
        return new TalkInputs(speech, frames, driver, energy);
    }
}
