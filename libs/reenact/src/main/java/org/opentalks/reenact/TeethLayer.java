package org.opentalks.reenact;

import org.opentalks.contract.document.FaceDocument;

/**
 * One row of teeth as an image in the photo's coordinates: premultiplied BGR and coverage over a box
 * around the mouth, sampled bilinearly (transparent outside the box). The upper row belongs to the
 * skull and the lower row to the jaw; {@link MouthInterior} moves each with its bone and lets the lips
 * reveal and cover it.
 *
 * <p>A row comes either from the photo ({@link #fromPhoto}: its own teeth, found as bright pixels of
 * little colour between the inner lips, continued under the lips so that a lip that rises or drops
 * reveals more of the same teeth) or is drawn ({@link #drawn}): individual teeth laid along a dental
 * arch seen from the front, with the real widths of human teeth (so they narrow towards the corners
 * and never repeat at a fixed pitch), a few per cent of fixed irregularity, rounded incisal corners,
 * soft separations, convex shading, a translucent edge and the buccal corridors' shadow.
 */
final class TeethLayer {
    /** The inner lips corner to corner, upper and lower, point facing point. */
    private static final int[] UPPER_RUN = {Landmarks.LEFT_INNER_CORNER, ControlPoints.UPPER_LEFT_MIDPOINT, 61,
        Landmarks.UPPER_LIP_CENTRE, 63, ControlPoints.UPPER_RIGHT_MIDPOINT, Landmarks.RIGHT_INNER_CORNER};
    private static final int[] LOWER_RUN = {Landmarks.LEFT_INNER_CORNER, ControlPoints.LOWER_LEFT_MIDPOINT, 67,
        Landmarks.LOWER_LIP_CENTRE, 65, ControlPoints.LOWER_RIGHT_MIDPOINT, Landmarks.RIGHT_INNER_CORNER};
    /** The outer lips' centres, upper and lower. */
    private static final int UPPER_OUTER_CENTRE = 51;
    private static final int LOWER_OUTER_CENTRE = 57;
    /** Millimetres per inter-ocular distance (adult mean). */
    private static final double MM_PER_IOD = 63;
    /** Mesiodistal crown widths (mm), central incisor to second premolar; upper and lower arch. */
    private static final double[] UPPER_WIDTHS = {8.6, 6.6, 7.6, 7.0, 6.7};
    private static final double[] LOWER_WIDTHS = {5.4, 5.9, 6.9, 7.0, 7.1};
    /** Radius (mm) of the arch's front, seen from the front: how fast teeth narrow towards the sides. */
    private static final double UPPER_ARCH = 24;
    private static final double LOWER_ARCH = 21;
    /** Fixed per-tooth irregularity of width and edge, left side then right (fractions). */
    private static final double[] WIDTH_JITTER = {0.03, -0.04, 0.05, -0.02, 0.04, -0.05, 0.02, 0.04, -0.03, 0.01};
    private static final double[] EDGE_JITTER = {0.004, -0.006, 0.003, 0.007, -0.002, -0.004, 0.006, -0.003, 0.005,
        -0.001};
    /**
     * Per tooth, central incisor outwards: how dark the separation on its far side is, and its tone
     * (laterals a little greyer, canines yellower and darker: real rows are not one colour).
     */
    private static final double[] SEPARATION = {0.32, 0.2, 0.26, 0.16, 0.14};
    private static final double[] TONE = {1.0, 0.94, 0.88, 0.9, 0.87};
    private static final double[] YELLOW = {0.0, 0.0, 0.06, 0.03, 0.03};
    /** Upper incisal edge below the closed lip line, and the crown's height above it (iod). */
    private static final double UPPER_EDGE = 0.05;
    private static final double UPPER_CROWN = 0.16;
    /** Lower incisal edge below the closed lip line (behind the upper teeth), and the crown's height (iod). */
    private static final double LOWER_EDGE = 0.02;
    private static final double LOWER_CROWN = 0.13;
    /** Width (pixels) of the anti-aliased incisal edge: a little softer than the lips' edge. */
    private static final double EDGE_SOFTNESS = 1.6;
    /** A photo's tooth: this bright relative to the skin, this little colour (chroma, 0–255). */
    private static final double TOOTH_LUMA = 0.7;
    private static final double TOOTH_CHROMA = 85;
    /** How far (iod) a photo's teeth continue under the lips. */
    private static final double CONTINUATION = 0.12;

    private final int x0;
    private final int y0;
    private final int width;
    private final int height;
    /** Premultiplied B, G, R and coverage per pixel. */
    private final float[] bgra;

    private TeethLayer(int x0, int y0, int width, int height) {
        this.x0 = x0;
        this.y0 = y0;
        this.width = width;
        this.height = height;
        this.bgra = new float[4 * width * height];
    }

    /** The box around the source mouth that a row of teeth may occupy. */
    private static TeethLayer around(LipContour lips, double iod, int size) {
        int x0 = Math.max(0, (int) Math.floor(lips.minX() - 0.1 * iod));
        int x1 = Math.min(size - 1, (int) Math.ceil(lips.maxX() + 0.1 * iod));
        int y0 = Math.max(0, (int) Math.floor(lips.minY() - 0.25 * iod));
        int y1 = Math.min(size - 1, (int) Math.ceil(lips.maxY() + 0.25 * iod));
        return new TeethLayer(x0, y0, Math.max(1, x1 - x0 + 1), Math.max(1, y1 - y0 + 1));
    }

    /**
     * Bilinear sample at a point of the photo: premultiplied B, G, R and coverage into {@code out}.
     */
    void sample(double x, double y, double[] out) {
        double fx = x - x0;
        double fy = y - y0;
        int ix = (int) Math.floor(fx);
        int iy = (int) Math.floor(fy);
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        out[3] = 0;
        if (ix < -1 || iy < -1 || ix >= width || iy >= height) {
            return;
        }
        double tx = fx - ix;
        double ty = fy - iy;
        accumulate(ix, iy, (1 - tx) * (1 - ty), out);
        accumulate(ix + 1, iy, tx * (1 - ty), out);
        accumulate(ix, iy + 1, (1 - tx) * ty, out);
        accumulate(ix + 1, iy + 1, tx * ty, out);
    }

    private void accumulate(int x, int y, double w, double[] out) {
        if (x < 0 || y < 0 || x >= width || y >= height || w == 0) {
            return;
        }
        int o = 4 * (y * width + x);
        out[0] += w * bgra[o];
        out[1] += w * bgra[o + 1];
        out[2] += w * bgra[o + 2];
        out[3] += w * bgra[o + 3];
    }

    private void put(int x, int y, double b, double g, double r, double alpha) {
        int o = 4 * ((y - y0) * width + (x - x0));
        bgra[o] = (float) (b * alpha);
        bgra[o + 1] = (float) (g * alpha);
        bgra[o + 2] = (float) (r * alpha);
        bgra[o + 3] = (float) alpha;
    }

    /**
     * The photo's own upper and lower teeth, or null when the photo shows none: the tooth-like pixels
     * between its inner lips. Down each column from the upper lip, the first run of teeth is the upper
     * row; teeth after a dark gap belong to the lower row. Each row is continued under its lip, darker
     * with depth, so that a lip that moves away from it reveals more of the same teeth.
     *
     * @param points   control points in the source (interleaved, landmarks first)
     * @param skinLuma luma of the skin around the mouth
     * @return {upper, lower}, or null
     */
    static TeethLayer[] fromPhoto(byte[] bgr, int size, double[] points, double iod, double skinLuma) {
        LipContour lips = new LipContour();
        lips.fit(points);
        TeethLayer upper = around(lips, iod, size);
        TeethLayer lower = around(lips, iod, size);
        int w = upper.width;
        int h = upper.height;
        double[] alpha = new double[w * h];
        double found = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                lips.measure(upper.x0 + x, upper.y0 + y);
                double coverage = clamp01(lips.signed() + 0.5);
                if (coverage <= 0) {
                    continue;
                }
                int o = 3 * ((upper.y0 + y) * size + upper.x0 + x);
                double b = bgr[o] & 0xff;
                double g = bgr[o + 1] & 0xff;
                double r = bgr[o + 2] & 0xff;
                double luma = 0.114 * b + 0.587 * g + 0.299 * r;
                double chroma = Math.max(b, Math.max(g, r)) - Math.min(b, Math.min(g, r));
                alpha[y * w + x] = coverage * Blink.smoothstep((luma - TOOTH_LUMA * skinLuma) / (0.2 * skinLuma))
                        * Blink.smoothstep((TOOTH_CHROMA - chroma) / 30);
                found += alpha[y * w + x];
            }
        }
        // A photo shows teeth when they cover at least a fifth of a band across the mouth as high as the
        // opening from which its lips count as apart.
        double mouthWidth = Math.hypot(lips.corner(1, 0) - lips.corner(0, 0), lips.corner(1, 1) - lips.corner(0, 1));
        if (found < 0.2 * FaceDocument.MOUTH_OPEN_GAP * iod * mouthWidth) {
            return null;
        }
        int gapRows = (int) Math.max(2, Math.round(0.02 * iod));
        for (int x = 0; x < w; x++) {
            boolean inUpper = false;
            boolean pastUpper = false;
            int dark = 0;
            for (int y = 0; y < h; y++) {
                double a = alpha[y * w + x];
                if (a >= 0.3) {
                    inUpper |= !pastUpper;
                    dark = 0;
                } else if (inUpper && ++dark >= gapRows) {
                    inUpper = false;
                    pastUpper = true;
                }
                if (a > 0) {
                    int o = 3 * ((upper.y0 + y) * size + upper.x0 + x);
                    (pastUpper ? lower : upper).put(upper.x0 + x, upper.y0 + y, bgr[o] & 0xff, bgr[o + 1] & 0xff,
                            bgr[o + 2] & 0xff, a);
                }
            }
        }
        upper.continueBeyond(-1, CONTINUATION * iod, 0.04 * iod);
        lower.continueBeyond(1, CONTINUATION * iod, 0.04 * iod);
        return new TeethLayer[] {upper, lower};
    }

    /**
     * Continues each column's teeth past their last solid pixel in direction {@code dy} (−1 up, 1
     * down) with the colour of that edge averaged over nearby columns (so no column's own streak is
     * drawn out), darkening towards the gum and fading out at the end.
     */
    private void continueBeyond(int dy, double length, double blur) {
        int steps = (int) Math.ceil(length);
        int[] last = new int[width];
        double[] edge = new double[4 * width];
        for (int x = 0; x < width; x++) {
            last[x] = -1;
            for (int k = 0; k < height; k++) {
                int y = dy < 0 ? k : height - 1 - k;
                int o = 4 * (y * width + x);
                if (bgra[o + 3] >= 0.5) {
                    last[x] = y;
                    for (int c = 0; c < 4; c++) {
                        edge[4 * x + c] = bgra[o + c];
                    }
                    break;
                }
            }
        }
        int radius = (int) Math.max(1, Math.round(blur));
        for (int x = 0; x < width; x++) {
            if (last[x] < 0) {
                continue;
            }
            double[] sum = new double[4];
            int n = 0;
            for (int k = Math.max(0, x - radius); k <= Math.min(width - 1, x + radius); k++) {
                if (last[k] >= 0) {
                    for (int c = 0; c < 4; c++) {
                        sum[c] += edge[4 * k + c];
                    }
                    n++;
                }
            }
            double alpha = sum[3] / n;
            for (int s = 1; s <= steps; s++) {
                int y = last[x] + dy * s;
                if (y < 0 || y >= height) {
                    break;
                }
                double f = (double) s / steps;
                double shade = 0.9 - 0.45 * f;
                put(x0 + x, y0 + y, shade * sum[0] / sum[3], shade * sum[1] / sum[3], shade * sum[2] / sum[3],
                        alpha * (1 - Blink.smoothstep((f - 0.6) / 0.4)));
            }
        }
    }

    /**
     * Drawn teeth for a photo that shows none: {upper, lower}, each a row along the closed lip line.
     *
     * @param points control points in the source (interleaved, landmarks first)
     * @param ivory  the teeth's colour (BGR) as lit in this photo
     * @param axes   the face's eye line and downward axis
     */
    static TeethLayer[] drawn(double[] points, double iod, int size, double[] ivory, FaceAxes axes) {
        LipContour lips = new LipContour();
        lips.fit(points);
        TeethLayer upper = around(lips, iod, size);
        TeethLayer lower = around(lips, iod, size);
        // The midline: between the centres of the upper and lower inner lips and of the outer ones.
        int[] centres = {Landmarks.UPPER_LIP_CENTRE, Landmarks.LOWER_LIP_CENTRE, UPPER_OUTER_CENTRE,
            LOWER_OUTER_CENTRE};
        double mx = 0;
        double my = 0;
        for (int i : centres) {
            mx += 0.25 * points[2 * i];
            my += 0.25 * points[2 * i + 1];
        }
        double mmPerPixel = MM_PER_IOD / iod;
        double halfMouth = 0.5 * Math.hypot(lips.corner(1, 0) - lips.corner(0, 0),
                lips.corner(1, 1) - lips.corner(0, 1));
        // The closed lip line, between the upper and lower inner lips, as v against u from the midline.
        double[] lineU = new double[UPPER_RUN.length];
        double[] lineV = new double[UPPER_RUN.length];
        for (int k = 0; k < UPPER_RUN.length; k++) {
            double x = 0.5 * (points[2 * UPPER_RUN[k]] + points[2 * LOWER_RUN[k]]) - mx;
            double y = 0.5 * (points[2 * UPPER_RUN[k] + 1] + points[2 * LOWER_RUN[k] + 1]) - my;
            lineU[k] = axes.u(x, y);
            lineV[k] = axes.v(x, y);
        }
        for (int y = upper.y0; y < upper.y0 + upper.height; y++) {
            for (int x = upper.x0; x < upper.x0 + upper.width; x++) {
                double u = axes.u(x - mx, y - my);
                double v = axes.v(x - mx, y - my);
                double line = Curves.linearAt(lineU, lineV, u);
                double side = Math.min(1, Math.abs(u) / Math.max(1, halfMouth));
                paintTooth(upper, x, y, u * mmPerPixel, v - line, iod, mmPerPixel, side, ivory, true);
                paintTooth(lower, x, y, u * mmPerPixel, v - line, iod, mmPerPixel, side, ivory, false);
            }
        }
        return new TeethLayer[] {upper, lower};
    }

    /**
     * One pixel of a drawn row.
     *
     * @param mm   the pixel's distance (mm) from the midline along the eye line, negative to the left
     * @param down its distance (pixels) below the closed lip line
     */
    private static void paintTooth(TeethLayer layer, int x, int y, double mm, double down, double iod,
                                   double mmPerPixel, double side, double[] ivory, boolean upperRow) {
        double[] widths = upperRow ? UPPER_WIDTHS : LOWER_WIDTHS;
        double arch = upperRow ? UPPER_ARCH : LOWER_ARCH;
        double along = Math.abs(mm) / arch;
        if (along >= 1) {
            return;
        }
        // Arc length from the midline of the point seen at this distance from it.
        double arc = arch * Math.asin(along);
        int left = mm < 0 ? 0 : 1;
        double start = 0;
        int tooth = -1;
        double toothWidth = 0;
        for (int i = 0; i < widths.length; i++) {
            double w = widths[i] * (1 + WIDTH_JITTER[left * widths.length + i]);
            if (arc < start + w) {
                tooth = i;
                toothWidth = w;
                break;
            }
            start += w;
        }
        if (tooth < 0) {
            return;
        }
        double across = (arc - start) / toothWidth;
        // How foreshortened the tooth is here: the arch turns away from the viewer.
        double facing = Math.cos(arc / arch);
        double toBoundaryPx = Math.min(across, 1 - across) * toothWidth * facing / mmPerPixel;
        double centred = 2 * across - 1;
        double edgeDrop = (upperRow ? UPPER_EDGE : LOWER_EDGE) * iod * (1 - 0.45 * side * side)
                + EDGE_JITTER[left * widths.length + tooth] * iod
                - (upperRow && tooth == 1 ? 0.008 * iod : 0);
        // Incisal corners rounded off: the edge rises towards each tooth's sides (the lower incisors' edges
        // are flatter).
        double corner = (upperRow ? 0.012 : 0.004) * iod * Math.pow(Math.abs(centred), 4);
        double alpha;
        double fromEdge;
        if (upperRow) {
            double edge = edgeDrop - corner;
            alpha = clamp01((edge - down) / EDGE_SOFTNESS + 0.5) * clamp01(down + UPPER_CROWN * iod + 0.5);
            fromEdge = edge - down;
        } else {
            double edge = edgeDrop + corner;
            alpha = clamp01((down - edge) / EDGE_SOFTNESS + 0.5) * clamp01(edge + LOWER_CROWN * iod - down + 0.5);
            fromEdge = down - edge;
        }
        alpha *= 1 - Blink.smoothstep((side - 0.85) / 0.3);
        if (alpha <= 0) {
            return;
        }
        double sigma = Math.max(0.6, 0.006 * iod);
        // The separation on this tooth's near side belongs to the tooth nearer the midline.
        boolean nearSide = across < 0.5;
        double depth = nearSide ? (tooth == 0 ? SEPARATION[0] : SEPARATION[tooth - 1]) : SEPARATION[tooth];
        // Teeth touch near the gum and part towards the edge, where the dark of the mouth shows between them.
        depth *= 0.45 + 0.55 * (1 - Blink.smoothstep(fromEdge / (0.06 * iod)));
        double separation = 1 - depth * Math.exp(-(toBoundaryPx * toBoundaryPx) / (sigma * sigma));
        double convex = 1 - 0.15 * centred * centred;
        double corridor = 1 - 0.55 * side * side;
        double shade = separation * convex * corridor * TONE[tooth] * (upperRow ? 1 : 0.92);
        // The last fraction of a millimetre of the edge is translucent: greyer and bluer.
        double translucent = 0.3 * (1 - Blink.smoothstep(fromEdge / (0.02 * iod)));
        double b = ivory[0] * shade * (1 - 0.15 * translucent) * (1 - YELLOW[tooth]);
        double g = ivory[1] * shade * (1 - 0.3 * translucent);
        double r = ivory[2] * shade * (1 - 0.4 * translucent);
        layer.put(x, y, b, g, r, alpha);
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }
}
