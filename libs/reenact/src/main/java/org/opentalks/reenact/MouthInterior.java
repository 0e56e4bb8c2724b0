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
 * <p>The colours are lit like the face: they scale with the brightness of the skin around the
 * mouth, and the cavity's rim takes the photo's own lip colour, darkened. When the photo already
 * shows teeth (its lips are parted and bright, unsaturated pixels fill the gap) their colour is
 * taken for the painted teeth; the warp itself carries the real teeth up to the photo's own
 * opening, and painting only starts beyond it ({@link TalkAnimator#interiorStrength}).
 *
 * <p>Reuses its buffers; not thread-safe.
 */
final class MouthInterior {
    private static final int RING = FaceRig.INNER_LIPS.length;
    private static final int SUBDIVISIONS = 4;
    private static final int SEGMENTS = RING * SUBDIVISIONS;
    /** Segments of the upper inner lip (60 → 64); the rest is the lower lip (64 → 60). */
    private static final int UPPER_SEGMENTS = RING / 2 * SUBDIVISIONS;

    // BGR colours under skin of REFERENCE_SKIN brightness.
    private static final double[] CAVITY_EDGE = {36, 38, 100};
    private static final double[] CAVITY_DEEP = {12, 10, 28};
    private static final double[] TEETH = {206, 222, 232};
    private static final double[] TONGUE = {66, 66, 140};
    private static final double TEETH_SHADE = 0.55;
    /** Skin luma (0–255) that the reference colours are drawn for, and how far lighting may scale them. */
    private static final double REFERENCE_SKIN = 165;
    private static final double MIN_LIGHT = 0.4;
    private static final double MAX_LIGHT = 1.2;
    /** How much of the photo's lip colour the rim of the cavity takes, and how dark it is. */
    private static final double LIP_TINT = 0.6;
    private static final double LIP_DARKEN = 0.45;
    /** A photo shows teeth when its lips part this much (iod) and this share of the gap is tooth-like. */
    private static final double TEETH_GAP = 0.03;
    private static final double TEETH_SHARE = 0.3;

    private final double[] cavityEdge = new double[3];
    private final double[] cavityDeep = new double[3];
    private final double[] teeth = new double[3];
    private final double[] teethShade = new double[3];
    private final double[] tongue = new double[3];
    private final boolean photoTeeth;

    private final double[] ax = new double[SEGMENTS];
    private final double[] ay = new double[SEGMENTS];
    private final double[] dx = new double[SEGMENTS];
    private final double[] dy = new double[SEGMENTS];
    private final double[] invLength2 = new double[SEGMENTS];
    private final double[] ring = new double[2 * RING];

    /**
     * Lights the interior for this photo.
     *
     * @param sourceBgr the source crop
     * @param points    the control points in the source, landmarks first (interleaved x, y)
     * @param iod       inter-ocular distance (pixels)
     */
    MouthInterior(byte[] sourceBgr, int size, double[] points, double iod) {
        double radius = Math.max(1, 0.06 * iod);
        double[] philtrum = mean(sourceBgr, size, mid(points, 33, 51, 0), mid(points, 33, 51, 1), radius);
        double[] chin = mean(sourceBgr, size, mid(points, 57, 8, 0), mid(points, 57, 8, 1), radius);
        double[] lip = mean(sourceBgr, size, mid(points, 51, 62, 0), mid(points, 51, 62, 1), 0.5 * radius);
        double light = clamp((0.5 * (luma(philtrum) + luma(chin))) / REFERENCE_SKIN, MIN_LIGHT, MAX_LIGHT);
        for (int c = 0; c < 3; c++) {
            cavityEdge[c] = light * ((1 - LIP_TINT) * CAVITY_EDGE[c]) + LIP_TINT * LIP_DARKEN * lip[c];
            cavityDeep[c] = light * CAVITY_DEEP[c];
            teeth[c] = light * TEETH[c];
            tongue[c] = light * TONGUE[c];
        }
        double[] shown = photoTeeth(sourceBgr, size, points, iod, 0.5 * (luma(philtrum) + luma(chin)));
        photoTeeth = shown != null;
        if (photoTeeth) {
            System.arraycopy(shown, 0, teeth, 0, 3);
        }
        for (int c = 0; c < 3; c++) {
            teethShade[c] = TEETH_SHADE * teeth[c];
        }
    }

    /** Whether the photo's own teeth were found and their colour is used. */
    boolean usesPhotoTeeth() {
        return photoTeeth;
    }

    /**
     * The mean colour of the tooth-like pixels (bright for this skin, little colour) on the line
     * between the photo's inner lips, or null when the mouth is closed or they are too few.
     */
    private static double[] photoTeeth(byte[] bgr, int size, double[] p, double iod, double skinLuma) {
        double gap = Math.hypot(p[2 * 66] - p[2 * 62], p[2 * 66 + 1] - p[2 * 62 + 1]);
        if (gap < TEETH_GAP * iod) {
            return null;
        }
        double[] sum = new double[3];
        int found = 0;
        int samples = 0;
        for (int across = -2; across <= 2; across++) {
            double ax = 0.15 * across * (p[2 * 64] - p[2 * 60]);
            double ay = 0.15 * across * (p[2 * 64 + 1] - p[2 * 60 + 1]);
            for (int k = 1; k < 8; k++) {
                double f = k / 8.0;
                int x = (int) Math.round(p[2 * 62] + (p[2 * 66] - p[2 * 62]) * f + ax);
                int y = (int) Math.round(p[2 * 62 + 1] + (p[2 * 66 + 1] - p[2 * 62 + 1]) * f + ay);
                if (x < 0 || y < 0 || x >= size || y >= size) {
                    continue;
                }
                samples++;
                int o = 3 * (y * size + x);
                int b = bgr[o] & 0xff;
                int g = bgr[o + 1] & 0xff;
                int r = bgr[o + 2] & 0xff;
                int chroma = Math.max(b, Math.max(g, r)) - Math.min(b, Math.min(g, r));
                if (luma(new double[] {b, g, r}) > 0.8 * skinLuma && chroma < 70) {
                    sum[0] += b;
                    sum[1] += g;
                    sum[2] += r;
                    found++;
                }
            }
        }
        if (samples == 0 || found < TEETH_SHARE * samples) {
            return null;
        }
        return new double[] {sum[0] / found, sum[1] / found, sum[2] / found};
    }

    private static double[] mean(byte[] bgr, int size, double cx, double cy, double radius) {
        double[] sum = new double[3];
        int n = 0;
        int r = (int) Math.ceil(radius);
        for (int y = (int) cy - r; y <= (int) cy + r; y++) {
            for (int x = (int) cx - r; x <= (int) cx + r; x++) {
                if (x >= 0 && y >= 0 && x < size && y < size && Math.hypot(x - cx, y - cy) <= radius) {
                    int o = 3 * (y * size + x);
                    for (int c = 0; c < 3; c++) {
                        sum[c] += bgr[o + c] & 0xff;
                    }
                    n++;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] = n > 0 ? sum[c] / n : REFERENCE_SKIN;
        }
        return sum;
    }

    /** Rec. 601 luma of a BGR colour. */
    private static double luma(double[] bgr) {
        return 0.114 * bgr[0] + 0.587 * bgr[1] + 0.299 * bgr[2];
    }

    private static double mid(double[] p, int a, int b, int axis) {
        return 0.5 * (p[2 * a + axis] + p[2 * b + axis]);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

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
        double teethShown = Blink.smoothstep((gap / iod - 0.04) / 0.08);
        double tongueShown = 0.5 * Blink.smoothstep((gap / iod - 0.12) / 0.12);
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
                    teethAlpha = teethShown * clamp01(height - upper + 0.5) * (1 - side2 * side2);
                }
                double lipShadow = 1 - 0.3 * clamp01(1.5 - upper);
                // Faint gaps between the front teeth, the first one on the midline.
                double across = Math.abs(px - centreX) / toothWidth;
                double gapShade = 1 - 0.12 * clamp01(1 - Math.abs(across - Math.rint(across)) * toothWidth);
                // The tongue: a soft lighter mound on the floor of the mouth.
                double tongueAlpha = lower < upper
                        ? tongueShown * Blink.smoothstep((0.4 * gap - lower) / (0.3 * gap)) * (1 - side2) * (1 - side2)
                        : 0;
                int o = 3 * (y * size + x);
                for (int c = 0; c < 3; c++) {
                    double cavity = cavityEdge[c] + (cavityDeep[c] - cavityEdge[c]) * deep;
                    cavity += (tongue[c] - cavity) * tongueAlpha;
                    double tooth = (teeth[c] + (teethShade[c] - teeth[c]) * side2) * lipShadow * gapShade;
                    double fill = cavity + (tooth - cavity) * teethAlpha;
                    double old = bgr[o + c] & 0xff;
                    bgr[o + c] = (byte) Math.max(0, Math.min(255, Math.round(old + (fill - old) * alpha)));
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
