package org.opentalks.reenact;

/**
 * Paints the inside of an opened mouth, which a warp cannot create: where the target inner lips
 * are parted further than in the photo, the inner-lip contour is filled with a dark red-brown
 * cavity, darker away from the lips, with a band of upper teeth just under the upper lip and a
 * hint of tongue on the floor once the jaw is open enough. The contour is the inner-lip control
 * points (60–67 and four between) joined by a closed Catmull-Rom spline; the edge is
 * anti-aliased by coverage, {@code clamp(signed distance + ½)}. At a near-zero gap the same fill
 * draws the dark seam of closed lips.
 *
 * <p>Reuses its buffers; not thread-safe.
 */
final class MouthInterior {
    private static final int RING = FaceRig.INNER_LIPS.length;
    private static final int SUBDIVISIONS = 4;
    private static final int SEGMENTS = RING * SUBDIVISIONS;
    /** Segments of the upper inner lip (60 → 64); the rest is the lower lip (64 → 60). */
    private static final int UPPER_SEGMENTS = RING / 2 * SUBDIVISIONS;

    // BGR colours.
    private static final double[] CAVITY_EDGE = {36, 38, 100};
    private static final double[] CAVITY_DEEP = {12, 10, 28};
    private static final double[] TEETH = {206, 222, 232};
    private static final double[] TEETH_SHADE = {110, 128, 148};
    private static final double[] TONGUE = {66, 66, 140};

    private final double[] ax = new double[SEGMENTS];
    private final double[] ay = new double[SEGMENTS];
    private final double[] dx = new double[SEGMENTS];
    private final double[] dy = new double[SEGMENTS];
    private final double[] invLength2 = new double[SEGMENTS];
    private final double[] ring = new double[2 * RING];

    /**
     * @param bgr      the warped frame, modified in place
     * @param size     frame width and height
     * @param points   control points, interleaved, with the 68 landmarks first (target positions)
     * @param gap      the target inner-lip gap at the mouth centre (pixels)
     * @param strength opacity of the interior in [0, 1]
     * @param iod      inter-ocular distance (pixels)
     */
    void paint(byte[] bgr, int size, double[] points, double gap, double strength, double iod) {
        if (strength <= 0) {
            return;
        }
        for (int k = 0; k < RING; k++) {
            ring[2 * k] = points[2 * FaceRig.INNER_LIPS[k]];
            ring[2 * k + 1] = points[2 * FaceRig.INNER_LIPS[k] + 1];
        }
        buildCurve();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int s = 0; s < SEGMENTS; s++) {
            minX = Math.min(minX, ax[s]);
            maxX = Math.max(maxX, ax[s]);
            minY = Math.min(minY, ay[s]);
            maxY = Math.max(maxY, ay[s]);
        }
        int x0 = Math.max(0, (int) Math.floor(minX) - 1);
        int x1 = Math.min(size - 1, (int) Math.ceil(maxX) + 1);
        int y0 = Math.max(0, (int) Math.floor(minY) - 1);
        int y1 = Math.min(size - 1, (int) Math.ceil(maxY) + 1);
        double centreX = 0.5 * (ring[0] + ring[RING]);
        double halfWidth = Math.max(1, 0.5 * Math.abs(ring[RING] - ring[0]));
        double depthScale = 1 / Math.max(1, 0.5 * gap);
        double teethHeight = Math.min(0.075 * iod, 0.45 * gap);
        double teeth = Blink.smoothstep((gap / iod - 0.04) / 0.08);
        double tongue = 0.5 * Blink.smoothstep((gap / iod - 0.12) / 0.12);
        double toothWidth = 0.13 * iod;

        for (int y = y0; y <= y1; y++) {
            double py = y;
            for (int x = x0; x <= x1; x++) {
                double px = x;
                double upper = Double.MAX_VALUE;
                double lower = Double.MAX_VALUE;
                boolean inside = false;
                for (int s = 0; s < SEGMENTS; s++) {
                    double sx = ax[s];
                    double sy = ay[s];
                    double ex = sx + dx[s];
                    double ey = sy + dy[s];
                    if ((sy > py) != (ey > py) && px < sx + (py - sy) / (ey - sy) * dx[s]) {
                        inside = !inside;
                    }
                    double t = ((px - sx) * dx[s] + (py - sy) * dy[s]) * invLength2[s];
                    t = t < 0 ? 0 : Math.min(t, 1);
                    double qx = sx + t * dx[s] - px;
                    double qy = sy + t * dy[s] - py;
                    double d2 = qx * qx + qy * qy;
                    if (s < UPPER_SEGMENTS) {
                        upper = Math.min(upper, d2);
                    } else {
                        lower = Math.min(lower, d2);
                    }
                }
                upper = Math.sqrt(upper);
                lower = Math.sqrt(lower);
                double edge = Math.min(upper, lower);
                double signed = inside ? edge : -edge;
                double alpha = clamp01(signed + 0.5) * strength;
                if (alpha <= 0) {
                    continue;
                }
                double deep = Blink.smoothstep(Math.max(0, signed) * depthScale);
                double side = Math.min(1, Math.abs(px - centreX) / halfWidth);
                double side2 = side * side;
                // Upper teeth: a band under the upper lip, lower towards the middle, fading into the
                // cheeks at the corners, shadowed right under the lip.
                double teethAlpha = 0;
                if (upper <= lower) {
                    double height = teethHeight * (1 - 0.5 * side2);
                    teethAlpha = teeth * clamp01(height - upper + 0.5) * (1 - side2 * side2);
                }
                double lipShadow = 1 - 0.3 * clamp01(1.5 - upper);
                // Faint gaps between the front teeth, the first one on the midline.
                double across = Math.abs(px - centreX) / toothWidth;
                double gapShade = 1 - 0.12 * clamp01(1 - Math.abs(across - Math.rint(across)) * toothWidth);
                // The tongue: a soft lighter mound on the floor of the mouth.
                double tongueAlpha = lower < upper
                        ? tongue * Blink.smoothstep((0.4 * gap - lower) / (0.3 * gap)) * (1 - side2) * (1 - side2) : 0;
                int o = 3 * (y * size + x);
                for (int c = 0; c < 3; c++) {
                    double cavity = CAVITY_EDGE[c] + (CAVITY_DEEP[c] - CAVITY_EDGE[c]) * deep;
                    cavity += (TONGUE[c] - cavity) * tongueAlpha;
                    double tooth = (TEETH[c] + (TEETH_SHADE[c] - TEETH[c]) * side2) * lipShadow * gapShade;
                    double fill = cavity + (tooth - cavity) * teethAlpha;
                    double old = bgr[o + c] & 0xff;
                    bgr[o + c] = (byte) Math.round(old + (fill - old) * alpha);
                }
            }
        }
    }

    /** Samples the closed Catmull-Rom spline through the ring into straight segments. */
    private void buildCurve() {
        int s = 0;
        for (int i = 0; i < RING; i++) {
            int i0 = (i + RING - 1) % RING;
            int i2 = (i + 1) % RING;
            int i3 = (i + 2) % RING;
            for (int k = 0; k < SUBDIVISIONS; k++, s++) {
                double t = (double) k / SUBDIVISIONS;
                ax[s] = catmullRom(ring[2 * i0], ring[2 * i], ring[2 * i2], ring[2 * i3], t);
                ay[s] = catmullRom(ring[2 * i0 + 1], ring[2 * i + 1], ring[2 * i2 + 1], ring[2 * i3 + 1], t);
            }
        }
        for (s = 0; s < SEGMENTS; s++) {
            int next = (s + 1) % SEGMENTS;
            dx[s] = ax[next] - ax[s];
            dy[s] = ay[next] - ay[s];
            double l2 = dx[s] * dx[s] + dy[s] * dy[s];
            invLength2[s] = l2 > 0 ? 1 / l2 : 0;
        }
    }

    private static double catmullRom(double p0, double p1, double p2, double p3, double t) {
        double t2 = t * t;
        double t3 = t2 * t;
        return 0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (3 * p1 - p0 - 3 * p2 + p3) * t3);
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }
}
