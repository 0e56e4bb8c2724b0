package org.opentalks.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tests' own f0 estimator, independent of the engines and of {@link PitchShifter}'s YIN: normalised
 * autocorrelation per 40 ms frame (r(τ) = Σx(t)x(t+τ) / √(Σx(t)² Σx(t+τ)²), the correlation Boersma's method
 * starts from, "Accurate short-term analysis of the fundamental frequency...", IFA Proceedings 17, 1993), between
 * 60 and 500 Hz; a frame is voiced when its best peak exceeds 0.6, and the shortest lag within 10 % of the best
 * peak's correlation is taken, so a period's multiples (as strong in steady speech) do not halve the estimate.
 */
final class F0 {
    private F0() {
    }

    /** The f0 of every voiced frame, in Hz. */
    static double[] track(short[] samples, int sampleRate) {
        int frame = (int) (0.04 * sampleRate);
        int hop = (int) (0.01 * sampleRate);
        int minLag = sampleRate / 500;
        int maxLag = sampleRate / 60;
        double loudest = 0;
        for (int start = 0; start + frame + maxLag < samples.length; start += hop) {
            loudest = Math.max(loudest, rms(samples, start, frame));
        }
        List<Double> out = new ArrayList<>();
        double[] r = new double[maxLag + 2];
        for (int start = 0; start + frame + maxLag + 1 < samples.length; start += hop) {
            if (rms(samples, start, frame) < 0.05 * loudest) {
                continue;
            }
            int best = -1;
            for (int lag = minLag - 1; lag <= maxLag + 1; lag++) {
                double xy = 0;
                double xx = 0;
                double yy = 0;
                for (int i = 0; i < frame; i++) {
                    double a = samples[start + i];
                    double b = samples[start + i + lag];
                    xy += a * b;
                    xx += a * a;
                    yy += b * b;
                }
                r[lag] = xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
                if (lag >= minLag && lag <= maxLag && (best < 0 || r[lag] > r[best])) {
                    best = lag;
                }
            }
            if (best < 0 || r[best] < 0.6) {
                continue;
            }
            for (int lag = minLag; lag < best; lag++) {
                if (r[lag] >= 0.9 * r[best] && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1]) {
                    best = lag;
                    break;
                }
            }
            double a = r[best - 1];
            double b = r[best];
            double c = r[best + 1];
            double d = a - 2 * b + c;
            double lag = best + (d < 0 ? 0.5 * (a - c) / d : 0);
            out.add(sampleRate / lag);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The median f0 over voiced frames. */
    static double median(short[] samples, int sampleRate) {
        double[] f = track(samples, sampleRate);
        if (f.length == 0) {
            throw new AssertionError("no voiced frame found");
        }
        Arrays.sort(f);
        return f[f.length / 2];
    }

    private static double rms(short[] s, int start, int n) {
        double sum = 0;
        for (int i = start; i < start + n; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / n);
    }

    /** A voiced-speech-like test tone: harmonics of {@code f0} with a falling spectrum, {@code seconds} long. */
    static short[] harmonics(double f0, int sampleRate, double seconds) {
        short[] out = new short[(int) (seconds * sampleRate)];
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / sampleRate;
            double v = 0;
            for (int h = 1; h * f0 < sampleRate / 2.0 && h <= 30; h++) {
                v += Math.sin(2 * Math.PI * h * f0 * t + h * 0.7) / h;
            }
            out[i] = (short) Math.round(6000 * v);
        }
        return out;
    }
}
