package org.opentalks.reenact;

/**
 * The least-squares affine map taking some control points from one set of positions to another
 * (interleaved x, y): {@code x' = a0 x + a1 y + a2}, {@code y' = a3 x + a4 y + a5}. The mouth interior
 * and the lids use it to follow the head's pose from the points the pose alone moves.
 */
final class AffineFit {
    private AffineFit() {
    }

    /**
     * Fits the map from {@code from} to {@code to} over {@code points} into {@code out} (six values);
     * the identity when the points are degenerate (all on a line).
     */
    static void fit(double[] from, double[] to, int[] points, double[] out) {
        double mx = 0;
        double my = 0;
        double tx = 0;
        double ty = 0;
        for (int i : points) {
            mx += from[2 * i] / points.length;
            my += from[2 * i + 1] / points.length;
            tx += to[2 * i] / points.length;
            ty += to[2 * i + 1] / points.length;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        double xu = 0;
        double yu = 0;
        double xv = 0;
        double yv = 0;
        for (int i : points) {
            double x = from[2 * i] - mx;
            double y = from[2 * i + 1] - my;
            double u = to[2 * i] - tx;
            double v = to[2 * i + 1] - ty;
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
            xu += x * u;
            yu += y * u;
            xv += x * v;
            yv += y * v;
        }
        double det = sxx * syy - sxy * sxy;
        if (Math.abs(det) < 1e-9) {
            out[0] = 1;
            out[1] = 0;
            out[3] = 0;
            out[4] = 1;
        } else {
            out[0] = (xu * syy - yu * sxy) / det;
            out[1] = (yu * sxx - xu * sxy) / det;
            out[3] = (xv * syy - yv * sxy) / det;
            out[4] = (yv * sxx - xv * sxy) / det;
        }
        out[2] = tx - out[0] * mx - out[1] * my;
        out[5] = ty - out[3] * mx - out[4] * my;
    }
}
