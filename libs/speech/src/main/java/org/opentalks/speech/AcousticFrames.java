package org.opentalks.speech;

import java.util.Arrays;

/**
 * Short-time measurements of 16-bit speech: a Hann window of {@value #WINDOW_SECONDS} s every hop, each frame
 * centred on the middle of its hop so that frame {@code i} describes {@code [i·hop, (i+1)·hop)}. One instance per
 * thread: it owns its work buffers.
 */
final class AcousticFrames {

    static final double WINDOW_SECONDS = 0.032;
    /** Pitch search range; the upper lag is also capped at half a window so that enough periods overlap. */
    static final double MIN_F0 = 70;
    static final double MAX_F0 = 500;
    /** Formants are searched below this; F1 and F2 of all vowels lie under 3 kHz (Peterson &amp; Barney 1952). */
    static final double FORMANT_CEILING_HZ = 4000;

    /**
     * One frame's measurements.
     *
     * @param level power in dBFS (a full-scale sine reads −3)
     * @param zcr zero crossings per sample, 0..1; frication noise crosses often, voiced sounds seldom
     * @param voicing the normalised autocorrelation peak in the pitch range, corrected for the window
     *     (Boersma 1993); about 0.3 for noise, 0.8–1 for vowels
     * @param f0 the pitch of that peak in Hz, 0 if none
     * @param f1 first formant in Hz from the LPC envelope, 0 if no peak lies in 200–1100 Hz
     * @param f2 second formant in Hz, the next envelope peak at least 150 Hz above F1, 0 if none below 4 kHz
     * @param upperShare dB of the power at 1.5 kHz and above relative to all of it; near 0 for sibilants and
     *     alveolar/velar bursts, −10 or lower for vowels and labial releases
     * @param murmur dB of the power in 1–4 kHz relative to 60–500 Hz; very low (−12 or less) in nasal murmurs
     *     and voice bars, where the closed mouth passes only the low frequencies
     * @param flatness spectral flatness (geometric over arithmetic mean power) of 300–7500 Hz, 0..1; high for
     *     the flat spectra of f and θ
     */
    record Frame(double level, double zcr, double voicing, double f0, double f1, double f2, double upperShare,
            double murmur, double flatness) {
    }

    private final int sampleRate;
    private final int hop;
    private final int window;
    private final Fft fft;
    private final int size;
    private final double[] hann;
    private final double hannPower;
    /** Autocorrelation of the window itself, by which Boersma (1993, eq. 9) divides the frame's. */
    private final double[] hannAutocorrelation;
    /** |1 − 0.97 z⁻¹|² per bin: pre-emphasis for LPC, applied to the power spectrum. */
    private final double[] preEmphasis;
    private final int lpcOrder;
    private final Fft envelopeFft;
    private final double[] re;
    private final double[] im;
    private final double[] power;
    private final double[] lpc;
    private final double[] lpcNext;
    private final double[] envRe;
    private final double[] envIm;

    AcousticFrames(int sampleRate, int hop) {
        this.sampleRate = sampleRate;
        this.hop = hop;
        window = (int) Math.round(WINDOW_SECONDS * sampleRate);
        // Twice the window: the autocorrelation taken through the FFT must not wrap around.
        fft = new Fft(Fft.size(2 * window));
        size = fft.length();
        hann = new double[window];
        double sum = 0;
        for (int i = 0; i < window; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / window);
            sum += hann[i] * hann[i];
        }
        hannPower = sum;
        re = new double[size];
        im = new double[size];
        power = new double[size / 2 + 1];
        System.arraycopy(hann, 0, re, 0, window);
        fft.transform(re, im, false);
        for (int k = 0; k < size; k++) {
            re[k] = re[k] * re[k] + im[k] * im[k];
            im[k] = 0;
        }
        fft.transform(re, im, true);
        hannAutocorrelation = re.clone();
        preEmphasis = new double[size / 2 + 1];
        for (int k = 0; k <= size / 2; k++) {
            preEmphasis[k] = 1 + 0.97 * 0.97 - 2 * 0.97 * Math.cos(2 * Math.PI * k / size);
        }
        // The usual rule of thumb: two poles per kHz of bandwidth plus two (Markel & Gray 1976), capped so that
        // high sample rates do not fit harmonics instead of formants.
        lpcOrder = Math.min(2 + sampleRate / 1000, 24);
        lpc = new double[lpcOrder + 1];
        lpcNext = new double[lpcOrder + 1];
        // About 40 Hz per bin, refined by parabolic interpolation.
        envelopeFft = new Fft(Fft.size(sampleRate / 40));
        envRe = new double[envelopeFft.length()];
        envIm = new double[envelopeFft.length()];
    }

    /** Frames covering {@code samples}: {@code ceil(length / hop)} of them. */
    Frame[] analyse(short[] samples) {
        int count = (samples.length + hop - 1) / hop;
        Frame[] out = new Frame[count];
        for (int f = 0; f < count; f++) {
            out[f] = frame(samples, f * hop + hop / 2 - window / 2);
        }
        return out;
    }

    private Frame frame(short[] x, int start) {
        int from = Math.max(0, start);
        int to = Math.min(x.length, start + window);
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += x[i];
        }
        mean = to > from ? mean / (to - from) : 0;
        Arrays.fill(re, 0);
        Arrays.fill(im, 0);
        int crossings = 0;
        double previous = 0;
        for (int i = 0; i < window; i++) {
            int j = start + i;
            double v = j >= 0 && j < x.length ? x[j] - mean : 0;
            re[i] = v * hann[i];
            if (i > 0 && (v >= 0) != (previous >= 0)) {
                crossings++;
            }
            previous = v;
        }
        fft.transform(re, im, false);
        double total = 0;
        for (int k = 0; k <= size / 2; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
            total += power[k];
        }
        // Parseval, one-sided, per sample of the window, relative to a full-scale square wave.
        double level = 10 * Math.log10(total * 2.0 / size / hannPower / (32768.0 * 32768.0) + 1e-13);
        double binHz = (double) sampleRate / size;
        double upper = band(binHz, 1500, 8000);
        double low = band(binHz, 60, 500);
        double mid = band(binHz, 1000, 4000);
        double flatness = flatness(binHz, 300, 7500);

        // Both autocorrelations in one inverse FFT: the plain one (real part) for the pitch, the pre-emphasised
        // one (imaginary part) for LPC. Both spectra are real and even, so their transforms are real.
        for (int k = 0; k < size; k++) {
            int b = k <= size / 2 ? k : size - k;
            re[k] = power[b];
            im[k] = power[b] * preEmphasis[b];
        }
        fft.transform(re, im, true);
        double voicing = 0;
        int lag = 0;
        int minLag = (int) (sampleRate / MAX_F0);
        int maxLag = Math.min(window / 2, (int) (sampleRate / MIN_F0));
        if (re[0] > 0) {
            for (int l = Math.max(1, minLag); l <= maxLag; l++) {
                double r = re[l] / re[0] / (hannAutocorrelation[l] / hannAutocorrelation[0]);
                if (r > voicing && re[l] > re[l - 1] && re[l] >= re[l + 1]) {
                    voicing = r;
                    lag = l;
                }
            }
        }
        double f1 = 0;
        double f2 = 0;
        if (im[0] > 0 && levinson(im)) {
            double[] formants = formants();
            f1 = formants[0];
            f2 = formants[1];
        }
        return new Frame(level, (double) crossings / (window - 1), voicing, lag > 0 ? (double) sampleRate / lag : 0,
                f1, f2, ratioDb(upper, total), ratioDb(mid, low), flatness);
    }

    /**
     * Levinson–Durbin recursion on the autocorrelation {@code r} into {@link #lpc}; false if it turns unstable.
     * A 1e-4 white-noise correction on r[0] keeps it well conditioned.
     */
    private boolean levinson(double[] r) {
        double error = r[0] * 1.0001;
        Arrays.fill(lpc, 0);
        lpc[0] = 1;
        for (int i = 1; i <= lpcOrder; i++) {
            double acc = r[i];
            for (int j = 1; j < i; j++) {
                acc += lpc[j] * r[i - j];
            }
            double k = -acc / error;
            if (!(Math.abs(k) < 1)) {
                return false;
            }
            for (int j = 1; j < i; j++) {
                lpcNext[j] = lpc[j] + k * lpc[i - j];
            }
            lpcNext[i] = k;
            System.arraycopy(lpcNext, 1, lpc, 1, i);
            error *= 1 - k * k;
        }
        return true;
    }

    /** F1 and F2 as the first peaks of the LPC envelope 1/|A(f)|², found as minima of |A(f)|². */
    private double[] formants() {
        int n = envelopeFft.length();
        Arrays.fill(envRe, 0);
        Arrays.fill(envIm, 0);
        System.arraycopy(lpc, 0, envRe, 0, lpcOrder + 1);
        envelopeFft.transform(envRe, envIm, false);
        double binHz = (double) sampleRate / n;
        int last = (int) Math.min(n / 2 - 1, Math.floor(FORMANT_CEILING_HZ / binHz));
        double f1 = 0;
        double before = Math.log(envRe[0] * envRe[0] + envIm[0] * envIm[0]);
        double here = Math.log(envRe[1] * envRe[1] + envIm[1] * envIm[1]);
        for (int k = 1; k < last; k++) {
            double after = Math.log(envRe[k + 1] * envRe[k + 1] + envIm[k + 1] * envIm[k + 1]);
            if (here < before && here <= after) {
                // Parabolic interpolation of the log magnitude around the bin.
                double denominator = before - 2 * here + after;
                double offset = denominator > 0 ? 0.5 * (before - after) / denominator : 0;
                double f = (k + offset) * binHz;
                if (f1 == 0) {
                    if (f >= 200 && f <= 1100) {
                        f1 = f;
                    }
                } else if (f > f1 + 150) {
                    return new double[] {f1, f};
                }
            }
            before = here;
            here = after;
        }
        return new double[] {f1, 0};
    }

    private double band(double binHz, double fromHz, double toHz) {
        int k0 = (int) Math.ceil(fromHz / binHz);
        int k1 = (int) Math.min(power.length - 1, Math.floor(toHz / binHz));
        double sum = 0;
        for (int k = k0; k <= k1; k++) {
            sum += power[k];
        }
        return sum;
    }

    private double flatness(double binHz, double fromHz, double toHz) {
        int k0 = (int) Math.ceil(fromHz / binHz);
        int k1 = (int) Math.min(power.length - 1, Math.floor(toHz / binHz));
        double logSum = 0;
        double sum = 0;
        for (int k = k0; k <= k1; k++) {
            double p = power[k] + 1e-9;
            logSum += Math.log(p);
            sum += p;
        }
        int n = k1 - k0 + 1;
        return n > 0 ? Math.exp(logSum / n) / (sum / n) : 0;
    }

    private static double ratioDb(double a, double b) {
        return 10 * Math.log10((a + 1e-9) / (b + 1e-9));
    }
}
