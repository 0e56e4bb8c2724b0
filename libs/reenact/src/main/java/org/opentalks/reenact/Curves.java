package org.opentalks.reenact;

/** The two ways the engine draws a curve through a few points: a Catmull-Rom spline, or straight pieces. */
final class Curves {
    private Curves() {
    }

    /** The Catmull-Rom spline through p1 and p2 (p0 and p3 their neighbours) at t in [0, 1]. */
    static double catmullRom(double p0, double p1, double p2, double p3, double t) {
        double t2 = t * t;
        double t3 = t2 * t;
        return 0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (3 * p1 - p0 - 3 * p2 + p3) * t3);
    }

    /** y at x along the polyline through (xs[k], ys[k]), xs increasing, held beyond its ends. */
    static double linearAt(double[] xs, double[] ys, double x) {
        if (x <= xs[0]) {
            return ys[0];
        }
        for (int k = 1; k < xs.length; k++) {
            if (x <= xs[k]) {
                double span = xs[k] - xs[k - 1];
                double f = span > 0 ? (x - xs[k - 1]) / span : 0;
                return ys[k - 1] + f * (ys[k] - ys[k - 1]);
            }
        }
        return ys[ys.length - 1];
    }
}
