package org.opentalks.speech;

/**
 * In-place radix-2 complex FFT (Cooley–Tukey, decimation in time) of one power-of-two size, its twiddle factors
 * tabled once. Immutable, so shareable; the arrays belong to the caller.
 */
final class Fft {

    private final int n;
    private final double[] cos;
    private final double[] sin;

    Fft(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two: " + n);
        }
        this.n = n;
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
    }

    /** The smallest power of two at least {@code n}. */
    static int size(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    int length() {
        return n;
    }

    /** Transforms {@code re + i·im} in place; the inverse divides by n. */
    void transform(double[] re, double[] im, boolean inverse) {
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("arrays of " + re.length + "/" + im.length + " for an FFT of " + n);
        }
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int stride = n / len;
            for (int k = 0; k < half; k++) {
                double wr = cos[k * stride];
                double wi = sign * sin[k * stride];
                for (int i = k; i < n; i += len) {
                    int b = i + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[i] - xr;
                    im[b] = im[i] - xi;
                    re[i] += xr;
                    im[i] += xi;
                }
            }
        }
        if (inverse) {
            for (int i = 0; i < n; i++) {
                re[i] /= n;
                im[i] /= n;
            }
        }
    }
}
