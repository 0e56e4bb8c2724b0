package org.opentalks.reenact;

import java.util.Arrays;

/**
 * The loudness envelope of the speech, one value in [0, 1] per video frame, which drives how far
 * the jaw drops: loud vowels open wider than the same vowel spoken softly. Each frame's value is
 * the RMS level (dB) of a window 1.5 frames long centred on the frame's time, mapped linearly from
 * {@link #RANGE_DB} below the speech's loud level (the 95th percentile of the voiced frames) to
 * that level, so the envelope does not depend on the recording's gain.
 */
public final class SpeechEnergy {
    /** Dynamic range mapped onto [0, 1]. */
    static final double RANGE_DB = 30;
    /** Frames quieter than this are silence and do not count towards the loud level. */
    private static final double SILENCE_DBFS = -55;
    private static final double LOUD_PERCENTILE = 0.95;

    private SpeechEnergy() {
    }

    /**
     * @param samples    mono 16-bit PCM
     * @param sampleRate samples per second
     * @param fps        video frame rate; frame i is centred on {@code i / fps}
     * @param frames     how many values to produce (frames past the audio get 0)
     */
    public static float[] envelope(short[] samples, int sampleRate, double fps, int frames) {
        if (sampleRate <= 0 || !(fps > 0) || frames < 0) {
            throw new IllegalArgumentException("bad rate " + sampleRate + ", fps " + fps + " or frames " + frames);
        }
        double[] db = new double[frames];
        // A window of 1.5 frames: each frame's value overlaps its neighbours', so the jaw does not flicker.
        int half = (int) Math.round(0.75 * sampleRate / fps);
        double[] voiced = new double[frames];
        int numVoiced = 0;
        for (int i = 0; i < frames; i++) {
            int centre = (int) Math.round(i / fps * sampleRate);
            int from = Math.max(0, centre - half);
            int to = Math.min(samples.length, centre + half);
            double sum = 0;
            for (int s = from; s < to; s++) {
                double v = samples[s] / 32768.0;
                sum += v * v;
            }
            db[i] = to > from ? 10 * Math.log10(sum / (to - from) + 1e-12) : -120;
            if (db[i] > SILENCE_DBFS) {
                voiced[numVoiced++] = db[i];
            }
        }
        float[] out = new float[frames];
        if (numVoiced == 0) {
            return out;
        }
        Arrays.sort(voiced, 0, numVoiced);
        double loud = voiced[Math.min(numVoiced - 1, (int) (LOUD_PERCENTILE * numVoiced))];
        for (int i = 0; i < frames; i++) {
            double e = (db[i] - (loud - RANGE_DB)) / RANGE_DB;
            out[i] = (float) Math.max(0, Math.min(1, e));
        }
        return out;
    }
}
