package org.opentalks.reenact.quality;

import java.util.Arrays;

/** Statistics of per-frame series. */
final class Series {
    private Series() {
    }

    /** Pearson's correlation of {@code a[i]} with {@code b[i + lag]} over the frames both have. */
    static double pearson(double[] a, double[] b, int lag) {
        int from = Math.max(0, -lag);
        int to = Math.min(a.length, b.length - lag);
        int n = to - from;
        double ma = 0;
        double mb = 0;
        for (int i = from; i < to; i++) {
            ma += a[i] / n;
            mb += b[i + lag] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = from; i < to; i++) {
            double da = a[i] - ma;
            double db = b[i + lag] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }

    static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /** Linear interpolation between order statistics. */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    static double[] difference(double[] a, double[] b) {
        double[] out = new double[Math.min(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }
}
