package org.opentalks.reenact.quality;

import static org.junit.jupiter.api.Assertions.fail;

import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.Speech;
import org.opentalks.speech.VisemeMapper;

/**
 * A script spoken by espeak-ng as the tts-service speaks it: the PCM and its viseme track.
 * espeak-ng's samples vary slightly from call to call, so a test speaks once and reuses the result.
 */
record SpokenScript(short[] samples, int sampleRate, VisemeTrack visemes) {
    static SpokenScript speak(String text) {
        Speech speech;
        try (EspeakSynthesizer espeak = new EspeakSynthesizer()) {
            speech = espeak.synthesize(text, "en-us");
        } catch (IllegalStateException | UnsatisfiedLinkError e) {
            return fail("espeak-ng is not usable (" + e.getMessage() + "): run ./opentalks setup");
        }
        return new SpokenScript(speech.samples(), speech.sampleRate(), new VisemeMapper().track(speech));
    }

    double durationSeconds() {
        return (double) samples.length / sampleRate;
    }

    /**
     * The loudness of each video frame, computed here independently of the engine: RMS of a window
     * one frame long centred on the frame's time, in dB relative to the loudest frame and floored
     * {@code floorDb} below it (espeak's pauses are digital silence, −∞ dB).
     */
    double[] loudnessDb(double fps, int frames, double floorDb) {
        double[] rms = rms(fps, frames);
        double loudest = Series.max(rms);
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = Math.max(-floorDb, 20 * Math.log10(Math.max(rms[i], 1e-12) / loudest));
        }
        return out;
    }

    /** RMS (full scale = 1) of a window one frame long centred on each frame's time. */
    double[] rms(double fps, int frames) {
        int half = (int) Math.round(sampleRate / fps / 2);
        double[] out = new double[frames];
        for (int i = 0; i < frames; i++) {
            int centre = (int) Math.round(i / fps * sampleRate);
            int from = Math.max(0, centre - half);
            int to = Math.min(samples.length, centre + half);
            double sum = 0;
            for (int s = from; s < to; s++) {
                double v = samples[s] / 32768.0;
                sum += v * v;
            }
            out[i] = to > from ? Math.sqrt(sum / (to - from)) : 0;
        }
        return out;
    }
}
