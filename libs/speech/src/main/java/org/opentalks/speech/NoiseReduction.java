package org.opentalks.speech;

import java.util.Arrays;
import java.util.Objects;

/**
 * A mild clean-up of user recordings for D-ID's {@code script.reduce_noise}: DC removal, an 80 Hz high-pass against
 * rumble and hum, and a Wiener-type spectral gain against stationary noise whose spectrum is estimated from the
 * quietest frames of the recording itself. The gain is held to at most {@value #MAX_ATTENUATION_DB} dB of
 * attenuation and smoothed by the decision-directed rule (Ephraim &amp; Malah 1984, IEEE TASSP 32:1109), which
 * keeps the residual noise even instead of "musical". The output has the input's length and is never clipped: if
 * filtering would overshoot full scale, the whole signal is scaled down instead. Deterministic and thread-safe.
 *
 * <p>Noise is assumed stationary over the recording; a recording without any pause gives a noise estimate taken from
 * its weakest speech, and only its quietest bins are lowered, by at most the same limit.
 */
public final class NoiseReduction {

    static final double HIGH_PASS_HZ = 80;
    static final double FRAME_SECONDS = 0.032;
    /** The quietest share of frames whose mean spectrum is the noise estimate. */
    static final double NOISE_FRAMES = 0.10;
    static final double MAX_ATTENUATION_DB = 15;
    /** Weight of the previous frame in the a-priori SNR (Ephraim &amp; Malah's α). */
    static final double DECISION_DIRECTED = 0.98;

    /** The cleaned recording, same length and sample rate. */
    public Pcm reduce(Pcm pcm) {
        Objects.requireNonNull(pcm, "pcm");
        short[] in = pcm.samples();
        int rate = pcm.sampleRate();
        if (in.length == 0) {
            return new Pcm(new short[0], rate);
        }
        double[] x = new double[in.length];
        double mean = 0;
        for (short s : in) {
            mean += s;
        }
        mean /= in.length;
        for (int i = 0; i < in.length; i++) {
            x[i] = in[i] - mean;
        }
        highPass(x, rate);
        double[] y = spectralGain(x, rate);
        return new Pcm(toShorts(y), rate);
    }

    /**
     * Second-order Butterworth high-pass (RBJ Audio EQ Cookbook biquad, Q = 1/√2) run forward and then backward:
     * zero phase, so transients keep their shape, and 24 dB/octave below the corner (−6 dB at it).
     */
    static void highPass(double[] x, int rate) {
        double w0 = 2 * Math.PI * Math.min(HIGH_PASS_HZ, 0.45 * rate) / rate;
        double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
        double cos = Math.cos(w0);
        double a0 = 1 + alpha;
        double b0 = (1 + cos) / 2 / a0;
        double b1 = -(1 + cos) / a0;
        double b2 = b0;
        double a1 = -2 * cos / a0;
        double a2 = (1 - alpha) / a0;
        for (int pass = 0; pass < 2; pass++) {
            double x1 = 0;
            double x2 = 0;
            double y1 = 0;
            double y2 = 0;
            for (int k = 0; k < x.length; k++) {
                int i = pass == 0 ? k : x.length - 1 - k;
                double v = x[i];
                double out = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                x2 = x1;
                x1 = v;
                y2 = y1;
                y1 = out;
                x[i] = out;
            }
        }
    }

    /**
     * Short-time Fourier analysis with √Hann windows at 50 % overlap, whose products sum to one, so a unit gain
     * gives the input back exactly; per bin the Wiener gain ξ/(1+ξ) with the decision-directed a-priori SNR ξ.
     * Frame m starts at (m − 1)·hop, so that every sample lies under two frames.
     */
    static double[] spectralGain(double[] x, int rate) {
        Stft stft = new Stft(x, Fft.size((int) Math.round(FRAME_SECONDS * rate)));
        int bins = stft.size / 2 + 1;
        double[] noise = stft.noisePower();
        double minGain = Math.pow(10, -MAX_ATTENUATION_DB / 20);
        double[] previousClean = new double[bins];
        double[] y = new double[x.length];
        for (int m = 0; m < stft.frames; m++) {
            stft.analyse(m);
            double[] re = stft.re;
            double[] im = stft.im;
            for (int k = 0; k < bins; k++) {
                double p = re[k] * re[k] + im[k] * im[k];
                double gain = 1;
                if (noise[k] > 0) {
                    double posterior = p / noise[k];
                    double prior = DECISION_DIRECTED * previousClean[k] / noise[k]
                            + (1 - DECISION_DIRECTED) * Math.max(posterior - 1, 0);
                    gain = Math.max(minGain, prior / (1 + prior));
                }
                previousClean[k] = gain * gain * p;
                re[k] *= gain;
                im[k] *= gain;
                if (k > 0 && k < bins - 1) {
                    re[stft.size - k] = re[k];
                    im[stft.size - k] = -im[k];
                }
            }
            stft.synthesise(m, y);
        }
        return y;
    }

    /** Windowed frames of one signal and their spectra, one frame at a time. */
    private static final class Stft {
        final int size;
        final int hop;
        final int frames;
        final double[] re;
        final double[] im;
        private final double[] x;
        private final double[] window;
        private final Fft fft;

        Stft(double[] x, int size) {
            this.x = x;
            this.size = size;
            hop = size / 2;
            frames = (x.length + hop - 1) / hop + 1;
            fft = new Fft(size);
            re = new double[size];
            im = new double[size];
            window = new double[size];
            for (int i = 0; i < size; i++) {
                window[i] = Math.sqrt(0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
            }
        }

        /** Frame m's spectrum into {@link #re}/{@link #im}. */
        void analyse(int m) {
            int start = (m - 1) * hop;
            for (int i = 0; i < size; i++) {
                int j = start + i;
                re[i] = j >= 0 && j < x.length ? x[j] * window[i] : 0;
                im[i] = 0;
            }
            fft.transform(re, im, false);
        }

        /** Adds frame m, from the (Hermitian) spectrum in {@link #re}/{@link #im}, into {@code y}. */
        void synthesise(int m, double[] y) {
            fft.transform(re, im, true);
            int start = (m - 1) * hop;
            for (int i = 0; i < size; i++) {
                int j = start + i;
                if (j >= 0 && j < y.length) {
                    y[j] += re[i] * window[i];
                }
            }
        }

        /**
         * Mean power per bin over the quietest {@value #NOISE_FRAMES} of the frames (at least one), ranked by their
         * windowed energy. Frames that reach past the ends are partly zero padding and rank last.
         */
        double[] noisePower() {
            double[] energy = new double[frames];
            Integer[] order = new Integer[frames];
            for (int m = 0; m < frames; m++) {
                int start = (m - 1) * hop;
                for (int i = Math.max(0, -start); i < size && start + i < x.length; i++) {
                    double v = x[start + i] * window[i];
                    energy[m] += v * v;
                }
                order[m] = m;
            }
            Arrays.sort(order, (a, b) -> {
                boolean edgeA = (a - 1) * hop < 0 || (a - 1) * hop + size > x.length;
                boolean edgeB = (b - 1) * hop < 0 || (b - 1) * hop + size > x.length;
                return edgeA != edgeB ? Boolean.compare(edgeA, edgeB) : Double.compare(energy[a], energy[b]);
            });
            int use = Math.max(1, (int) Math.round(NOISE_FRAMES * frames));
            double[] noise = new double[size / 2 + 1];
            for (int n = 0; n < use; n++) {
                analyse(order[n]);
                for (int k = 0; k < noise.length; k++) {
                    noise[k] += (re[k] * re[k] + im[k] * im[k]) / use;
                }
            }
            return noise;
        }
    }

    /** Rounds to 16 bits, scaling the whole signal down if any sample would pass full scale. */
    static short[] toShorts(double[] y) {
        double peak = 0;
        for (double v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        double scale = peak > Short.MAX_VALUE ? Short.MAX_VALUE / peak : 1;
        short[] out = new short[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (short) Math.round(y[i] * scale);
        }
        return out;
    }
}
