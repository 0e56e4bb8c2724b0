package org.opentalks.speech;

import java.util.Random;

/** Signals for the audio tests: resampling espeak's 22.05 kHz to the 16 kHz of decoded uploads, noise, tones. */
final class TestSignals {

    private TestSignals() {
    }

    /** Band-limited resampling with a Hann-windowed sinc, cut-off at 90 % of the lower Nyquist frequency. */
    static short[] resample(short[] x, int from, int to) {
        int n = (int) ((long) x.length * to / from);
        short[] y = new short[n];
        double cut = 0.9 * Math.min(1.0, (double) to / from);
        int half = 24;
        for (int i = 0; i < n; i++) {
            double t = (double) i * from / to;
            int centre = (int) Math.floor(t);
            double acc = 0;
            for (int k = centre - half + 1; k <= centre + half; k++) {
                if (k < 0 || k >= x.length) {
                    continue;
                }
                double d = t - k;
                double sinc = d == 0 ? 1 : Math.sin(Math.PI * cut * d) / (Math.PI * cut * d);
                acc += x[k] * cut * sinc * (0.5 + 0.5 * Math.cos(Math.PI * d / half));
            }
            y[i] = clamp(acc);
        }
        return y;
    }

    /** espeak-ng's speech at 16 kHz, as the decoder hands user audio over. */
    static Pcm at16k(Speech speech) {
        return new Pcm(resample(speech.samples(), speech.sampleRate(), 16_000), 16_000);
    }

    /** Gaussian white noise of the given RMS in dBFS (relative to full scale 32768). */
    static double[] whiteNoise(int n, double rmsDbfs, long seed) {
        Random random = new Random(seed);
        double rms = 32768 * Math.pow(10, rmsDbfs / 20);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = rms * random.nextGaussian();
        }
        return out;
    }

    static short[] plus(short[] x, double[] y) {
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = clamp(x[i] + y[i]);
        }
        return out;
    }

    static short[] toShorts(double[] y) {
        short[] out = new short[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = clamp(y[i]);
        }
        return out;
    }

    /** The amplitude of the {@code hz} component of {@code x}, by correlation with a sine and a cosine. */
    static double amplitude(short[] x, int rate, double hz) {
        double c = 0;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            c += x[i] * Math.cos(2 * Math.PI * hz * i / rate);
            s += x[i] * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return 2 * Math.hypot(c, s) / x.length;
    }

    static short clamp(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }
}
