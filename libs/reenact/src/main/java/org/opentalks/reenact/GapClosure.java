package org.opentalks.reenact;

/**
 * Closes the gap between two facial contours that meet at their ends (the eyelids, the inner
 * lips) by remapping each column across the face (along v, at fixed u) piecewise-linearly: the
 * band above the upper contour stretches down over the gap, the gap itself is squeezed, and the
 * band below stretches up. Outside the bands it is the identity, and it is continuous everywhere
 * because the gap vanishes at the shared end points.
 *
 * <p>A thin-plate spline cannot make such a fold: squeezing a gap to a sliver puts control points
 * with very different displacements next to each other, and the spline answers with oscillations
 * across the whole face. So the warp is split: this exact local remap takes the photo to a "rig"
 * space where the eyes and lips are already closed as far as the frame needs, and the smooth
 * spline maps the frame into rig space (opening, jaw, head motion), never having to squeeze.
 *
 * <p>Contours are smooth curves v(u) through their knots (cubic Hermite with centred slopes), in
 * face coordinates: u along the eye line, v down the face. Not thread-safe.
 */
final class GapClosure {
    private final double[] upperU;
    private final double[] upperV;
    private final double[] upperSlope;
    private final double[] lowerU;
    private final double[] lowerV;
    private final double[] lowerSlope;
    private final double share;
    private final double above;
    private final double below;
    private final double sliver;
    private final double ux;
    private final double uy;
    private final double left;
    private final double right;
    private double relative = 1;
    private double absolute;
    private double floor;
    private boolean active;
    /** Rig-space bounding box of the bands, in image pixels. */
    private double boxX0;
    private double boxY0;
    private double boxX1;
    private double boxY1;

    /**
     * The contours as knots in face coordinates, u increasing, the first and last shared by both;
     * the rest as in {@link #through}.
     *
     * @param ux the eye-line direction (unit vector); v is u turned a quarter clockwise
     */
    private GapClosure(double[] upperU, double[] upperV, double[] lowerU, double[] lowerV, double share, double above,
                       double below, double sliver, double ux, double uy) {
        this.upperU = monotone(upperU);
        this.upperV = upperV.clone();
        this.lowerU = monotone(lowerU);
        this.lowerV = lowerV.clone();
        this.upperSlope = slopes(this.upperU, this.upperV);
        this.lowerSlope = slopes(this.lowerU, this.lowerV);
        this.share = share;
        this.above = above;
        this.below = below;
        this.sliver = sliver;
        this.ux = ux;
        this.uy = uy;
        this.left = this.upperU[0];
        this.right = this.upperU[this.upperU.length - 1];
    }

    /**
     * A closure over the contours through these points, in the points' face axes.
     *
     * @param upper  the upper contour's points, from one shared end point to the other (u increasing)
     * @param lower  the lower contour's points, between the same end points
     * @param share  the upper contour's share of a closing; the lower one moves the rest
     * @param above  height of the band above the upper contour that stretches (pixels)
     * @param below  height of the band below the lower contour that stretches (pixels)
     * @param sliver squeezed gaps thinner than this (pixels) show the upper margin only
     */
    static GapClosure through(Points points, int[] upper, int[] lower, double share, double above, double below,
                              double sliver) {
        double[] uu = new double[upper.length];
        double[] uv = new double[upper.length];
        double[] lu = new double[lower.length];
        double[] lv = new double[lower.length];
        for (int k = 0; k < upper.length; k++) {
            uu[k] = points.u(upper[k]);
            uv[k] = points.v(upper[k]);
        }
        for (int k = 0; k < lower.length; k++) {
            lu[k] = points.u(lower[k]);
            lv[k] = points.v(lower[k]);
        }
        FaceAxes axes = points.axes();
        return new GapClosure(uu, uv, lu, lv, share, above, below, sliver, axes.ux(), axes.uy());
    }

    /** Source v of the upper contour at u. */
    double upperAt(double u) {
        return hermite(upperU, upperV, upperSlope, u);
    }

    /** Source v of the lower contour at u. */
    double lowerAt(double u) {
        return hermite(lowerU, lowerV, lowerSlope, u);
    }

    /** The photo's gap at u (negative where the contours cross). */
    double gapAt(double u) {
        return lowerAt(u) - upperAt(u);
    }

    /**
     * The gap the frame wants at u under the current {@link #close} setting. Where it exceeds the
     * photo's gap, opening is left to the spline; where it is smaller, this closure squeezes.
     */
    double goalAt(double u) {
        double gap = gapAt(u);
        double r = (u - 0.5 * (left + right)) / (0.5 * (right - left));
        double profile = Math.sqrt(Math.max(0, 1 - r * r));
        return Math.max(Math.max(relative * gap, absolute * profile), Math.min(gap, floor));
    }

    /**
     * Sets the frame's goal gap: {@code max(relative·gap, absolute·profile(u), min(gap, floor))},
     * where the profile is an ellipse across the contours, 1 in the middle, 0 at the corners.
     * {@code relative = 1} (and anything for the rest) leaves the photo's gap where it is.
     */
    void close(double relative, double absolute, double floor, double sampleStep) {
        this.relative = relative;
        this.absolute = absolute;
        this.floor = floor;
        active = false;
        for (double u = left; u <= right && !active; u += sampleStep) {
            active = goalAt(u) < gapAt(u) - 1e-6;
        }
        if (active) {
            double v0 = Double.MAX_VALUE;
            double v1 = -Double.MAX_VALUE;
            for (double v : upperV) {
                v0 = Math.min(v0, v - above);
            }
            for (double v : lowerV) {
                v1 = Math.max(v1, v + below);
            }
            boxX0 = Double.MAX_VALUE;
            boxY0 = Double.MAX_VALUE;
            boxX1 = -Double.MAX_VALUE;
            boxY1 = -Double.MAX_VALUE;
            for (int corner = 0; corner < 4; corner++) {
                double u = (corner & 1) == 0 ? left : right;
                double v = (corner & 2) == 0 ? v0 : v1;
                double x = u * ux - v * uy;
                double y = u * uy + v * ux;
                boxX0 = Math.min(boxX0, x);
                boxX1 = Math.max(boxX1, x);
                boxY0 = Math.min(boxY0, y);
                boxY1 = Math.max(boxY1, y);
            }
        }
    }

    boolean active() {
        return active;
    }

    /** Moves a source point (interleaved array, index i) to rig space. */
    void forward(double[] xy, int i) {
        if (!active) {
            return;
        }
        double x = xy[2 * i];
        double y = xy[2 * i + 1];
        double u = x * ux + y * uy;
        if (!(u > left && u < right)) {
            return;
        }
        double v = -x * uy + y * ux;
        double a = upperAt(u);
        double b = lowerAt(u);
        double top = a - above;
        double bottom = b + below;
        if (v <= top || v >= bottom) {
            return;
        }
        double squeeze = Math.max(0, (b - a) - goalAt(u));
        double a2 = a + share * squeeze;
        double b2 = b - (1 - share) * squeeze;
        double w;
        if (v < a) {
            w = top + (v - top) * (a2 - top) / (a - top);
        } else if (v < b) {
            w = a2 + (v - a) * (b2 - a2) / (b - a);
        } else {
            w = b2 + (v - b) * (bottom - b2) / (bottom - b);
        }
        xy[2 * i] += -uy * (w - v);
        xy[2 * i + 1] += ux * (w - v);
    }

    /**
     * Replaces each rig-space position in the maps by its source position, for the output pixels
     * in [x0, x1) × [y0, y1) (those that can land in the bands).
     */
    void backward(float[] mapX, float[] mapY, int width, int x0, int y0, int x1, int y1) {
        if (!active) {
            return;
        }
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int i = y * width + x;
                double mx = mapX[i];
                double my = mapY[i];
                if (mx < boxX0 || mx > boxX1 || my < boxY0 || my > boxY1) {
                    continue;
                }
                double u = mx * ux + my * uy;
                if (!(u > left && u < right)) {
                    continue;
                }
                double v = -mx * uy + my * ux;
                double a = upperAt(u);
                double b = lowerAt(u);
                double top = a - above;
                double bottom = b + below;
                if (v <= top || v >= bottom) {
                    continue;
                }
                double squeeze = Math.max(0, (b - a) - goalAt(u));
                if (squeeze == 0) {
                    continue;
                }
                double a2 = a + share * squeeze;
                double b2 = b - (1 - share) * squeeze;
                double s;
                if (v < a2) {
                    s = top + (v - top) * (a - top) / (a2 - top);
                } else if (v < b2) {
                    // A sliver under a pixel would only sample stray bits of eye or teeth: show the
                    // upper margin (lashes, lip) there instead.
                    s = b2 - a2 < sliver ? a : a + (v - a2) * (b - a) / (b2 - a2);
                } else {
                    s = b + (v - b2) * (bottom - b) / (bottom - b2);
                }
                mapX[i] = (float) (mx - uy * (s - v));
                mapY[i] = (float) (my + ux * (s - v));
            }
        }
    }

    double boxX0() {
        return boxX0;
    }

    double boxY0() {
        return boxY0;
    }

    double boxX1() {
        return boxX1;
    }

    double boxY1() {
        return boxY1;
    }

    private static double[] monotone(double[] us) {
        double[] out = us.clone();
        for (int k = 1; k < out.length; k++) {
            out[k] = Math.max(out[k], out[k - 1] + 1e-3); // keep the contour a function of u
        }
        return out;
    }

    private static double[] slopes(double[] us, double[] vs) {
        int n = us.length;
        double[] m = new double[n];
        for (int k = 0; k < n; k++) {
            int a = Math.max(0, k - 1);
            int b = Math.min(n - 1, k + 1);
            m[k] = (vs[b] - vs[a]) / (us[b] - us[a]);
        }
        return m;
    }

    /** Cubic Hermite interpolation through the knots, held constant outside them. */
    private static double hermite(double[] us, double[] vs, double[] m, double u) {
        int n = us.length;
        if (u <= us[0]) {
            return vs[0];
        }
        if (u >= us[n - 1]) {
            return vs[n - 1];
        }
        int k = 0;
        while (u > us[k + 1]) {
            k++;
        }
        double h = us[k + 1] - us[k];
        double t = (u - us[k]) / h;
        double t2 = t * t;
        double t3 = t2 * t;
        return (2 * t3 - 3 * t2 + 1) * vs[k] + (t3 - 2 * t2 + t) * h * m[k]
                + (-2 * t3 + 3 * t2) * vs[k + 1] + (t3 - t2) * h * m[k + 1];
    }
}
