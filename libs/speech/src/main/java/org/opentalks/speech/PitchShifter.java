package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Raises or lowers the pitch of speech by a factor while keeping every sample's time, so phone and word timings
 * stay valid, and, to first order, the formants: time-domain pitch-synchronous overlap-add (TD-PSOLA; Moulines and
 * Charpentier, "Pitch-synchronous waveform processing techniques for text-to-speech synthesis using diphones",
 * Speech Communication 9, 1990). Engines whose own pitch control is not semitone-accurate (espeak-ng moves only its
 * contour's floor; festival's HTS module and flite's rms voice ignore a shift) are shifted with it.
 *
 * <p>Voiced stretches are cut into two-period Hann-windowed grains centred on pitch marks (one per period, on the
 * waveform's peak) and laid again at the period divided by the factor; unvoiced stretches are copied through with
 * the same overlap-add at their own spacing. Periods come from a YIN pitch track (de Cheveigné and Kawahara, "YIN,
 * a fundamental frequency estimator for speech and music", JASA 111(4), 2002).
 */
public final class PitchShifter {
    /** The lowest and highest f0 the pitch track looks for, in Hz: speaking voices, men to children. */
    static final double MIN_F0 = 60;
    static final double MAX_F0 = 500;
    /** YIN's absolute threshold on the cumulative-mean-normalised difference (the paper's 0.1–0.15, a little lax). */
    private static final double YIN_THRESHOLD = 0.2;
    /** Frames quieter than this fraction of the loudest frame's RMS count as unvoiced (−34 dB). */
    private static final double SILENCE = 0.02;
    private static final double HOP_SECONDS = 0.01;

    private PitchShifter() {
    }

    /** {@code samples} with the pitch shifted by {@code semitones}; the same array when the shift is 0. */
    public static short[] shiftSemitones(short[] samples, int sampleRate, double semitones) {
        return semitones == 0 ? samples : shift(samples, sampleRate, Math.pow(2, semitones / 12));
    }

    /** {@code samples} with every f0 multiplied by {@code factor} (0.25–4) and the length unchanged. */
    public static short[] shift(short[] samples, int sampleRate, double factor) {
        if (!(factor >= 0.25 && factor <= 4)) {
            throw new IllegalArgumentException("pitch factor " + factor + " is outside 0.25 to 4");
        }
        if (factor == 1 || samples.length == 0) {
            return samples;
        }
        double[] x = new double[samples.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = samples[i];
        }
        int hop = Math.max(1, (int) Math.round(HOP_SECONDS * sampleRate));
        double[] periods = periodTrack(x, sampleRate, hop);
        List<int[]> marks = marks(x, periods, hop, sampleRate);
        return overlapAdd(x, marks, factor);
    }

    /**
     * The period in samples at each hop (0 where unvoiced), by YIN: the first lag whose cumulative-mean-normalised
     * squared difference dips under the threshold, refined to its local minimum and by a parabola through it.
     */
    static double[] periodTrack(double[] x, int sampleRate, int hop) {
        int minLag = (int) Math.floor(sampleRate / MAX_F0);
        int maxLag = (int) Math.ceil(sampleRate / MIN_F0);
        int window = maxLag;
        int frames = x.length / hop + 1;
        double[] energy = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            int start = f * hop - window / 2;
            double sum = 0;
            for (int j = 0; j < window; j++) {
                double v = at(x, start + j);
                sum += v * v;
            }
            energy[f] = Math.sqrt(sum / window);
            loudest = Math.max(loudest, energy[f]);
        }
        double[] periods = new double[frames];
        double[] d = new double[maxLag + 2];
        for (int f = 0; f < frames; f++) {
            if (energy[f] < SILENCE * loudest || loudest == 0) {
                continue;
            }
            int start = f * hop - window / 2;
            for (int lag = 1; lag <= maxLag + 1; lag++) {
                double sum = 0;
                for (int j = 0; j < window; j++) {
                    double diff = at(x, start + j) - at(x, start + j + lag);
                    sum += diff * diff;
                }
                d[lag] = sum;
            }
            double running = 0;
            double[] normal = new double[maxLag + 2];
            normal[0] = 1;
            for (int lag = 1; lag <= maxLag + 1; lag++) {
                running += d[lag];
                normal[lag] = running == 0 ? 1 : d[lag] * lag / running;
            }
            int best = -1;
            for (int lag = minLag; lag <= maxLag; lag++) {
                if (normal[lag] < YIN_THRESHOLD) {
                    while (lag + 1 <= maxLag && normal[lag + 1] < normal[lag]) {
                        lag++;
                    }
                    best = lag;
                    break;
                }
            }
            if (best < 0) {
                continue;
            }
            double a = normal[best - 1];
            double b = normal[best];
            double c = normal[best + 1];
            double denominator = a - 2 * b + c;
            double offset = denominator > 0 ? 0.5 * (a - c) / denominator : 0;
            periods[f] = best + Math.max(-0.5, Math.min(0.5, offset));
        }
        // A single unvoiced frame inside voicing is a tracking miss, not a consonant.
        for (int f = 1; f + 1 < frames; f++) {
            if (periods[f] == 0 && periods[f - 1] > 0 && periods[f + 1] > 0) {
                periods[f] = 0.5 * (periods[f - 1] + periods[f + 1]);
            }
        }
        return periods;
    }

    /**
     * Analysis marks as {position, period, voiced}: in voiced stretches one per period on the waveform's largest
     * value near where the period predicts it; elsewhere every 10 ms.
     */
    static List<int[]> marks(double[] x, double[] periods, int hop, int sampleRate) {
        List<int[]> marks = new ArrayList<>();
        int unvoicedStep = Math.max(1, sampleRate / 100);
        int t = 0;
        boolean wasVoiced = false;
        while (t < x.length) {
            double period = periods[Math.min(periods.length - 1, Math.round((float) t / hop))];
            if (period > 0) {
                int p = (int) Math.round(period);
                int centre = t;
                int reach = wasVoiced ? Math.max(1, p / 5) : p / 2;
                int from = Math.max(0, centre - (wasVoiced ? reach : 0));
                int to = Math.min(x.length - 1, centre + reach);
                int peak = from;
                for (int i = from; i <= to; i++) {
                    if (x[i] > x[peak]) {
                        peak = i;
                    }
                }
                if (!marks.isEmpty() && peak <= marks.get(marks.size() - 1)[0]) {
                    peak = Math.min(x.length - 1, marks.get(marks.size() - 1)[0] + p);
                }
                marks.add(new int[] {peak, p, 1});
                t = peak + p;
                wasVoiced = true;
            } else {
                marks.add(new int[] {t, unvoicedStep, 0});
                t += unvoicedStep;
                wasVoiced = false;
            }
        }
        return marks;
    }

    /**
     * Lays grains at the synthesis marks: each takes the analysis mark nearest in time (the time axis is kept), a
     * Hann window of twice its period, and the next synthesis mark follows at period / factor where voiced.
     * Overlapping windows are normalised where they sum above 1, so raising the pitch does not raise the level.
     */
    private static short[] overlapAdd(double[] x, List<int[]> marks, double factor) {
        int n = x.length;
        double[] out = new double[n];
        double[] weight = new double[n];
        int k = 0;
        double ts = marks.get(0)[0];
        while (ts < n) {
            while (k + 1 < marks.size()
                    && Math.abs(marks.get(k + 1)[0] - ts) <= Math.abs(marks.get(k)[0] - ts)) {
                k++;
            }
            int[] mark = marks.get(k);
            int half = mark[1];
            int centre = (int) Math.round(ts);
            for (int j = -half + 1; j < half; j++) {
                int to = centre + j;
                if (to < 0 || to >= n) {
                    continue;
                }
                double w = 0.5 + 0.5 * Math.cos(Math.PI * j / half);
                out[to] += w * at(x, mark[0] + j);
                weight[to] += w;
            }
            ts += mark[2] == 1 ? mark[1] / factor : mark[1];
        }
        // Before the first mark nothing was laid: copy it through.
        for (int i = 0; i < marks.get(0)[0] && i < n; i++) {
            out[i] = x[i];
            weight[i] = 1;
        }
        short[] result = new short[n];
        for (int i = 0; i < n; i++) {
            double v = out[i] / Math.max(1, weight[i]);
            result[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
        }
        return result;
    }

    private static double at(double[] x, int i) {
        return i < 0 || i >= x.length ? 0 : x[i];
    }
}
