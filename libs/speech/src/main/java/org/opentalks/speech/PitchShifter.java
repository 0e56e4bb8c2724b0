package org.opentalks.speech;

/**
 * Shifts the pitch of speech by a number of semitones and keeps its length to the sample, for engines that have
 * no pitch control of their own (Piper), so that phone timings stay valid.
 *
 * <p>Method: a WSOLA time stretch by {@code α = 2^(semitones/12)} (Verhelst and Roelands, "An overlap-add technique
 * based on waveform similarity (WSOLA) for high quality time-scale modification of speech", ICASSP 1993), which
 * makes the speech α times longer at the same pitch, then band-limited resampling back to the original number of
 * samples, which raises every frequency by α. WSOLA takes each 30 ms Hann-windowed frame from near its ideal input
 * position, within ±12 ms (more than one period of an 85 Hz voice), where it best continues the previous frame, so
 * periods line up in the overlap instead of beating. Formants move with the pitch (+6 st sounds a smaller speaker);
 * that is the price of a method that needs no pitch marks.
 */
public final class PitchShifter {
    static final double FRAME_SECONDS = 0.030;
    static final double TOLERANCE_SECONDS = 0.012;
    /** Half-width of the resampling kernel in zero crossings of the sinc. */
    private static final int KERNEL_ZEROS = 16;
    private static final int TABLE_STEPS = 512;

    private PitchShifter() {
    }

    /** {@code samples} {@code semitones} higher (negative: lower), as many samples long. */
    public static short[] shift(short[] samples, int sampleRate, double semitones) {
        if (!(Math.abs(semitones) <= 24)) {
            throw new IllegalArgumentException("a pitch shift must be within two octaves, got " + semitones + " st");
        }
        if (semitones == 0 || samples.length == 0) {
            return samples.clone();
        }
        float[] x = new float[samples.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = samples[i];
        }
        float[] y = resample(stretch(x, Math.pow(2, semitones / 12), sampleRate), samples.length);
        short[] out = new short[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(y[i])));
        }
        return out;
    }

    /** WSOLA: {@code x} made {@code factor} times longer at the same pitch. */
    static float[] stretch(float[] x, double factor, int sampleRate) {
        int frame = 2 * Math.max(8, (int) Math.round(FRAME_SECONDS * sampleRate / 2));
        int synthesisHop = frame / 2;
        double analysisHop = synthesisHop / factor;
        int tolerance = Math.max(1, (int) Math.round(TOLERANCE_SECONDS * sampleRate));
        int outLength = (int) Math.round(x.length * factor);
        // A periodic Hann window: copies at half-frame spacing sum to exactly one.
        float[] window = new float[frame];
        for (int i = 0; i < frame; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / frame));
        }
        int frames = outLength / synthesisHop + 2;
        float[] out = new float[frames * synthesisHop + frame];
        float[] weight = new float[out.length];
        int previous = 0;
        for (int k = 0; k < frames; k++) {
            int ideal = (int) Math.round(k * analysisHop);
            int position = k == 0 ? 0 : bestMatch(x, previous + synthesisHop, ideal, tolerance, frame);
            int at = k * synthesisHop;
            for (int j = 0; j < frame; j++) {
                out[at + j] += window[j] * sample(x, position + j);
                weight[at + j] += window[j];
            }
            previous = position;
        }
        float[] y = new float[outLength];
        for (int i = 0; i < outLength; i++) {
            y[i] = weight[i] > 1e-3f ? out[i] / weight[i] : out[i];
        }
        return y;
    }

    /**
     * The input position within {@code ideal ± tolerance} whose frame best matches the natural continuation of the
     * previous frame (at {@code natural}): the largest cross-correlation normalised by the candidate's energy.
     */
    private static int bestMatch(float[] x, int natural, int ideal, int tolerance, int frame) {
        int lo = Math.max(0, ideal - tolerance);
        int hi = Math.max(lo, Math.min(x.length - 1, ideal + tolerance));
        // Coarse to fine: every second offset on every fourth sample, then the neighbours of the best on every second
        // sample. Speech's correlation peaks are as wide as its low-passed periods, so the coarse pass does not miss.
        int coarse = best(x, natural, lo, hi, 2, 4, frame, Math.min(Math.max(ideal, lo), hi));
        return best(x, natural, Math.max(lo, coarse - 2), Math.min(hi, coarse + 2), 1, 2, frame, coarse);
    }

    private static int best(float[] x, int natural, int lo, int hi, int offsetStep, int sampleStep, int frame,
                            int fallback) {
        int best = fallback;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int p = lo; p <= hi; p += offsetStep) {
            double dot = 0;
            double energy = 1e-9;
            for (int j = 0; j < frame; j += sampleStep) {
                double a = sample(x, p + j);
                dot += a * sample(x, natural + j);
                energy += a * a;
            }
            double score = dot / Math.sqrt(energy);
            if (score > bestScore) {
                bestScore = score;
                best = p;
            }
        }
        return best;
    }

    private static float sample(float[] x, int i) {
        return i >= 0 && i < x.length ? x[i] : 0f;
    }

    /**
     * {@code x} resampled to {@code n} samples spanning the same time: a Hann-windowed sinc, its cut-off lowered to
     * the new Nyquist frequency when shrinking so that nothing aliases.
     */
    static float[] resample(float[] x, int n) {
        double step = (double) x.length / n;
        double cutoff = Math.min(1.0, 1.0 / step);
        double half = KERNEL_ZEROS / cutoff;
        // The kernel tabulated every 1/TABLE_STEPS sample and read with linear interpolation: no sin or cos per tap.
        int size = (int) Math.ceil(half * TABLE_STEPS) + 2;
        float[] table = new float[size];
        for (int i = 0; i < size; i++) {
            double d = (double) i / TABLE_STEPS;
            double arg = Math.PI * cutoff * d;
            double sinc = arg == 0 ? 1 : Math.sin(arg) / arg;
            table[i] = d >= half ? 0f : (float) (cutoff * sinc * (0.5 + 0.5 * Math.cos(Math.PI * d / half)));
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i * step;
            int from = Math.max(0, (int) Math.ceil(t - half));
            int to = Math.min(x.length - 1, (int) Math.floor(t + half));
            double acc = 0;
            for (int k = from; k <= to; k++) {
                double position = Math.abs(t - k) * TABLE_STEPS;
                int index = (int) position;
                double frac = position - index;
                acc += x[k] * (table[index] + frac * (table[index + 1] - table[index]));
            }
            y[i] = (float) acc;
        }
        return y;
    }
}
