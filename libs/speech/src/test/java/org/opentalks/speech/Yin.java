package org.opentalks.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * f0 of speech by YIN (de Cheveigné and Kawahara, "YIN, a fundamental frequency estimator for speech and music",
 * JASA 111(4), 2002): the difference function, its cumulative-mean normalisation (step 3), the first dip below the
 * absolute threshold 0.15 (step 4) and parabolic interpolation (step 5); 40 ms frames every 10 ms, 60–500 Hz.
 */
final class Yin {
    private static final double THRESHOLD = 0.15;

    private Yin() {
    }

    /** f0 in Hz of every voiced frame (aperiodic and quiet frames, 35 dB below the loudest, left out). */
    static double[] voicedF0(short[] samples, int sampleRate) {
        int window = (int) (0.040 * sampleRate);
        int hop = (int) (0.010 * sampleRate);
        int minLag = sampleRate / 500;
        int maxLag = sampleRate / 60;
        double loudest = 0;
        List<double[]> frames = new ArrayList<>();
        for (int start = 0; start + window + maxLag <= samples.length; start += hop) {
            double energy = 0;
            for (int i = 0; i < window; i++) {
                energy += (double) samples[start + i] * samples[start + i];
            }
            loudest = Math.max(loudest, energy);
            frames.add(new double[] {start, energy});
        }
        List<Double> f0 = new ArrayList<>();
        for (double[] frame : frames) {
            if (frame[1] < loudest * Math.pow(10, -35 / 10.0)) {
                continue;
            }
            double lag = lag((int) frame[0], samples, window, minLag, maxLag);
            if (lag > 0) {
                f0.add(sampleRate / lag);
            }
        }
        return f0.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double medianF0(short[] samples, int sampleRate) {
        double[] f0 = voicedF0(samples, sampleRate);
        if (f0.length == 0) {
            throw new AssertionError("no voiced frames");
        }
        Arrays.sort(f0);
        return f0[f0.length / 2];
    }

    /** The period in samples (fractional) of the frame at {@code start}; -1 when aperiodic. */
    private static double lag(int start, short[] x, int window, int minLag, int maxLag) {
        double[] d = new double[maxLag + 2];
        for (int tau = 1; tau <= maxLag + 1; tau++) {
            double sum = 0;
            for (int i = 0; i < window; i++) {
                double diff = x[start + i] - x[start + i + tau];
                sum += diff * diff;
            }
            d[tau] = sum;
        }
        double[] normalised = new double[d.length];
        normalised[0] = 1;
        double running = 0;
        for (int tau = 1; tau < d.length; tau++) {
            running += d[tau];
            normalised[tau] = running == 0 ? 1 : d[tau] * tau / running;
        }
        for (int tau = minLag; tau <= maxLag; tau++) {
            if (normalised[tau] < THRESHOLD) {
                while (tau + 1 <= maxLag && normalised[tau + 1] < normalised[tau]) {
                    tau++;
                }
                double a = normalised[tau - 1];
                double b = normalised[tau];
                double c = normalised[tau + 1];
                double denominator = a - 2 * b + c;
                return denominator == 0 ? tau : tau + 0.5 * (a - c) / denominator;
            }
        }
        return -1;
    }
}
