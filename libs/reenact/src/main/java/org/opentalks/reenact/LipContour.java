package org.opentalks.reenact;

/**
 * The inner-lip contour as a closed Catmull-Rom spline through the inner-lip control points (60–67
 * and the four between, {@link ControlPoints#INNER_LIP_RING}), sampled into short straight segments, with the
 * distance of a pixel to the upper lip's part (60 → 64) and to the lower lip's (64 → 60), and
 * whether the pixel lies inside. Reuses its buffers; not thread-safe.
 */
final class LipContour {
    static final int RING = ControlPoints.INNER_LIP_RING.length;
    private static final int SUBDIVISIONS = 4;
    private static final int SEGMENTS = RING * SUBDIVISIONS;
    /** Segments of the upper inner lip (60 → 64); the rest is the lower lip (64 → 60). */
    private static final int UPPER_SEGMENTS = RING / 2 * SUBDIVISIONS;

    private final double[] ax = new double[SEGMENTS];
    private final double[] ay = new double[SEGMENTS];
    private final double[] dx = new double[SEGMENTS];
    private final double[] dy = new double[SEGMENTS];
    private final double[] invLength2 = new double[SEGMENTS];
    private final double[] ring = new double[2 * RING];
    private double minX;
    private double minY;
    private double maxX;
    private double maxY;
    /** Results of the last {@link #measure}. */
    private boolean inside;
    private double upper;
    private double lower;

    /** Fits the contour to the inner-lip control points among {@code points} (interleaved, landmarks first). */
    void fit(double[] points) {
        for (int k = 0; k < RING; k++) {
            ring[2 * k] = points[2 * ControlPoints.INNER_LIP_RING[k]];
            ring[2 * k + 1] = points[2 * ControlPoints.INNER_LIP_RING[k] + 1];
        }
        int s = 0;
        for (int i = 0; i < RING; i++) {
            int i0 = (i + RING - 1) % RING;
            int i2 = (i + 1) % RING;
            int i3 = (i + 2) % RING;
            for (int k = 0; k < SUBDIVISIONS; k++, s++) {
                double t = (double) k / SUBDIVISIONS;
                ax[s] = Curves.catmullRom(ring[2 * i0], ring[2 * i], ring[2 * i2], ring[2 * i3], t);
                ay[s] = Curves.catmullRom(ring[2 * i0 + 1], ring[2 * i + 1], ring[2 * i2 + 1], ring[2 * i3 + 1], t);
            }
        }
        minX = Double.MAX_VALUE;
        minY = Double.MAX_VALUE;
        maxX = -Double.MAX_VALUE;
        maxY = -Double.MAX_VALUE;
        for (s = 0; s < SEGMENTS; s++) {
            int next = (s + 1) % SEGMENTS;
            dx[s] = ax[next] - ax[s];
            dy[s] = ay[next] - ay[s];
            double l2 = dx[s] * dx[s] + dy[s] * dy[s];
            invLength2[s] = l2 > 0 ? 1 / l2 : 0;
            minX = Math.min(minX, ax[s]);
            maxX = Math.max(maxX, ax[s]);
            minY = Math.min(minY, ay[s]);
            maxY = Math.max(maxY, ay[s]);
        }
    }

    double minX() {
        return minX;
    }

    double minY() {
        return minY;
    }

    double maxX() {
        return maxX;
    }

    double maxY() {
        return maxY;
    }

    /** The left (60) and right (64) mouth corners' x, then y: {@code corner(0, axis)}, {@code corner(1, axis)}. */
    double corner(int which, int axis) {
        return ring[2 * (which == 0 ? 0 : RING / 2) + axis];
    }

    /** Measures a point: then {@link #inside}, {@link #toUpper} and {@link #toLower} describe it. */
    void measure(double px, double py) {
        double up = Double.MAX_VALUE;
        double low = Double.MAX_VALUE;
        boolean in = false;
        for (int s = 0; s < SEGMENTS; s++) {
            double sx = ax[s];
            double sy = ay[s];
            double ey = sy + dy[s];
            if ((sy > py) != (ey > py) && px < sx + (py - sy) / (ey - sy) * dx[s]) {
                in = !in;
            }
            double t = ((px - sx) * dx[s] + (py - sy) * dy[s]) * invLength2[s];
            t = t < 0 ? 0 : Math.min(t, 1);
            double qx = sx + t * dx[s] - px;
            double qy = sy + t * dy[s] - py;
            double d2 = qx * qx + qy * qy;
            if (s < UPPER_SEGMENTS) {
                up = Math.min(up, d2);
            } else {
                low = Math.min(low, d2);
            }
        }
        inside = in;
        upper = Math.sqrt(up);
        lower = Math.sqrt(low);
    }

    boolean inside() {
        return inside;
    }

    /** Distance (pixels) of the last measured point to the upper inner lip. */
    double toUpper() {
        return upper;
    }

    /** Distance (pixels) of the last measured point to the lower inner lip. */
    double toLower() {
        return lower;
    }

    /** Distance to the contour, positive inside. */
    double signed() {
        double edge = Math.min(upper, lower);
        return inside ? edge : -edge;
    }
}
