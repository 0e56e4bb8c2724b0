package org.opentalks.reenact;

import java.util.stream.IntStream;

/**
 * The inside of the mouth, which a warp cannot create, composed in layers within the frame's inner-lip
 * contour ({@link LipContour}): a cavity that darkens from the lips towards the back and into the
 * corners, a tongue on the floor once the jaw is well open, the lower teeth moving with the jaw, the
 * upper teeth moving with the skull (in front), the upper lip's shadow over them, and a thin moist
 * highlight along the lower lip's inner edge. The lips reveal and cover the teeth as they move; the
 * contour's edge is anti-aliased by coverage, {@code clamp(signed distance + ½)}. At a near-zero gap
 * the same fill draws the dark seam of closed lips.
 *
 * <p>The teeth are the photo's own where it shows them ({@link TeethLayer#fromPhoto}): nothing visible
 * in the photo is painted over, they are only moved with their bone. Otherwise they are drawn
 * ({@link TeethLayer#drawn}) in ivory taken from the photo's white balance. Either way they live in
 * the photo's coordinates: each frame maps them through the head's pose (an affine fit, around the
 * mouth, of the frame's control points to their articulated positions) and, for the lower row, the
 * jaw's drop (the chin's articulation), so their texture never swims against the face.
 *
 * <p>The colours are lit like the face: they scale with the brightness of the skin around the mouth,
 * and the cavity's rim takes the photo's own lip colour, darkened.
 *
 * <p>Reuses its buffers; not thread-safe.
 */
final class MouthInterior {
    // BGR colours under skin of REFERENCE_SKIN brightness.
    private static final double[] CAVITY_EDGE = {36, 38, 100};
    private static final double[] CAVITY_DEEP = {10, 8, 22};
    private static final double[] IVORY = {168, 198, 222};
    private static final double[] TONGUE = {70, 72, 150};
    /** Skin luma (0–255) that the reference colours are drawn for, and how far lighting may scale them. */
    private static final double REFERENCE_SKIN = 165;
    private static final double MIN_LIGHT = 0.4;
    private static final double MAX_LIGHT = 1.2;
    /** A reference skin colour (BGR): how far the photo's skin departs from it is its white balance. */
    private static final double[] REFERENCE_SKIN_BGR = {140, 165, 205};
    /** Share of the photo's white balance the drawn teeth take, and the furthest it may tint them. */
    private static final double WHITE_BALANCE_SHARE = 0.5;
    private static final double MAX_TINT = 0.15;
    /** How much of the photo's lip colour the rim of the cavity takes, and how dark it is. */
    private static final double LIP_TINT = 0.6;
    private static final double LIP_DARKEN = 0.45;
    /** Teeth show from this gap (iod), fully from the second: below, closed lips have only their seam. */
    private static final double TEETH_FROM = 0.012;
    private static final double TEETH_FULL = 0.04;
    /** Drawn lower teeth rise above the lower lip on wide openings (iod of gap), up to this much (iod). */
    private static final double LOWER_TEETH_FROM = 0.12;
    private static final double LOWER_TEETH_SPAN = 0.15;
    private static final double LOWER_TEETH_RISE = 0.035;
    /** The upper lip's shadow on what lies under it: depth, and reach (iod). */
    private static final double LIP_SHADOW = 0.5;
    private static final double LIP_SHADOW_REACH = 0.04;
    /** From this gap (pixels) the lips' distances are measured every other pixel and interpolated. */
    private static final double GRID_GAP = 6;
    /** The moist highlight: strength, distance outside the contour and width (pixels at 100 px iod). */
    private static final double HIGHLIGHT = 0.22;
    private static final double HIGHLIGHT_AT = 1.2;
    private static final double HIGHLIGHT_WIDTH = 0.9;
    /** The mouth's landmarks, outer and inner lips, whose pose the teeth follow. */
    private static final int[] MOUTH = IntStream.rangeClosed(Landmarks.OUTER_LIPS.first(),
            Landmarks.INNER_LIPS.last()).toArray();

    private final double[] cavityEdge = new double[3];
    private final double[] cavityDeep = new double[3];
    private final double[] tongue = new double[3];
    private final double[] source;
    private final double vx;
    private final double vy;
    private final boolean photoTeeth;
    private final TeethLayer upperTeeth;
    private final TeethLayer lowerTeeth;
    private final LipContour contour = new LipContour();
    private final double[] sample = new double[4];
    private final double[] bgrFill = new double[3];
    private float[] gridSigned = new float[0];
    private float[] gridUpper = new float[0];
    private float[] gridLower = new float[0];
    /** The head's pose around the mouth, articulated to frame ({@link AffineFit}), and its inverse. */
    private final double[] pose = new double[6];
    private final double[] inverse = new double[6];

    /**
     * Lights the interior and finds or draws the teeth for this photo.
     *
     * @param sourceBgr the source crop
     * @param points    the control points in the source, landmarks first (interleaved x, y)
     * @param iod       inter-ocular distance (pixels)
     */
    MouthInterior(byte[] sourceBgr, int size, double[] points, double iod) {
        this.source = points.clone();
        double radius = Math.max(1, 0.06 * iod);
        double[] philtrum = mean(sourceBgr, size, mid(points, 33, 51, 0), mid(points, 33, 51, 1), radius);
        double[] chin = mean(sourceBgr, size, mid(points, 57, 8, 0), mid(points, 57, 8, 1), radius);
        double[] lip = mean(sourceBgr, size, mid(points, 51, 62, 0), mid(points, 51, 62, 1), 0.5 * radius);
        double skinLuma = 0.5 * (luma(philtrum) + luma(chin));
        double light = clamp(skinLuma / REFERENCE_SKIN, MIN_LIGHT, MAX_LIGHT);
        double[] ivory = new double[3];
        for (int c = 0; c < 3; c++) {
            cavityEdge[c] = light * ((1 - LIP_TINT) * CAVITY_EDGE[c]) + LIP_TINT * LIP_DARKEN * lip[c];
            cavityDeep[c] = light * CAVITY_DEEP[c];
            tongue[c] = light * TONGUE[c];
            double skin = 0.5 * (philtrum[c] + chin[c]) / Math.max(1, skinLuma);
            double balance = skin / (REFERENCE_SKIN_BGR[c] / luma(REFERENCE_SKIN_BGR));
            double tint = clamp(WHITE_BALANCE_SHARE * (balance - 1), -MAX_TINT, MAX_TINT);
            ivory[c] = Math.min(255, light * IVORY[c] * (1 + tint));
        }
        FaceAxes axes = FaceAxes.of(points);
        vx = axes.vx();
        vy = axes.vy();
        TeethLayer[] shown = TeethLayer.fromPhoto(sourceBgr, size, points, iod, skinLuma);
        photoTeeth = shown != null;
        TeethLayer[] teeth = photoTeeth ? shown : TeethLayer.drawn(points, iod, size, ivory, axes);
        upperTeeth = teeth[0];
        lowerTeeth = teeth[1];
    }

    /** Whether the photo's own teeth were found and are the ones shown. */
    boolean usesPhotoTeeth() {
        return photoTeeth;
    }

    /**
     * How opaque the interior is at this frame's gap: where the photo has its own teeth, the composed
     * interior replaces the warp's stretched mouth at every opening; otherwise it fades in as the lips
     * part beyond the photo's gap. Both draw the dark seam of lips squeezed shut over an open photo mouth.
     */
    double strength(double gap, double sourceGap, double iod) {
        double strength = TalkAnimator.interiorStrength(gap, sourceGap, iod);
        return photoTeeth ? Math.max(strength, teethShown(gap, iod)) : strength;
    }

    /** How much of the teeth shows at this gap: none in the seam of closed lips. */
    private static double teethShown(double gap, double iod) {
        return Blink.smoothstep((gap / iod - TEETH_FROM) / (TEETH_FULL - TEETH_FROM));
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
     * @param bgr         the warped frame, modified in place
     * @param size        frame width and height
     * @param articulated control points after the articulation, before the pose (interleaved, landmarks first)
     * @param target      the same in the frame, after the pose
     * @param gap         the target inner-lip gap at the mouth centre (pixels)
     * @param strength    opacity of the interior in [0, 1] ({@link #strength})
     * @param iod         inter-ocular distance (pixels)
     */
    void paint(byte[] bgr, int size, double[] articulated, double[] target, double gap, double strength,
               double iod) {
        if (strength <= 0) {
            return;
        }
        contour.fit(target);
        fitPose(articulated, target);
        int margin = (int) Math.ceil(HIGHLIGHT_AT + 3 * HIGHLIGHT_WIDTH) + 1;
        int x0 = Math.max(0, (int) Math.floor(contour.minX()) - margin);
        int x1 = Math.min(size - 1, (int) Math.ceil(contour.maxX()) + margin);
        int y0 = Math.max(0, (int) Math.floor(contour.minY()) - margin);
        int y1 = Math.min(size - 1, (int) Math.ceil(contour.maxY()) + margin);
        double centreX = 0.5 * (contour.corner(0, 0) + contour.corner(1, 0));
        double halfWidth = Math.max(1, 0.5 * Math.abs(contour.corner(1, 0) - contour.corner(0, 0)));
        double depthScale = 1 / Math.max(1, 0.5 * gap);
        double backScale = 1 / Math.max(1, 0.35 * gap);
        double teethShown = teethShown(gap, iod);
        double tongueShown = 0.55 * Blink.smoothstep((gap / iod - 0.12) / 0.12);
        // The jaw's drop carries the lower teeth; drawn ones also rise above the lip on wide openings.
        double rise = photoTeeth ? 0
                : LOWER_TEETH_RISE * iod * Blink.smoothstep((gap / iod - LOWER_TEETH_FROM) / LOWER_TEETH_SPAN);
        double jawX = articulated[2 * Landmarks.CHIN] - source[2 * Landmarks.CHIN] - rise * vx;
        double jawY = articulated[2 * Landmarks.CHIN + 1] - source[2 * Landmarks.CHIN + 1] - rise * vy;
        double shadowReach = LIP_SHADOW_REACH * iod;
        double highlightScale = Math.max(0.5, iod / 100);

        // The distances to the lips, on a grid every other pixel once the mouth is open (they are smooth,
        // and interpolating them costs a quarter of measuring each pixel), at every pixel for a thin seam.
        int step = gap >= GRID_GAP ? 2 : 1;
        int gw = (x1 - x0) / step + 2;
        int gh = (y1 - y0) / step + 2;
        if (gridSigned.length < gw * gh) {
            gridSigned = new float[gw * gh];
            gridUpper = new float[gw * gh];
            gridLower = new float[gw * gh];
        }
        for (int gy = 0; gy < gh; gy++) {
            for (int gx = 0; gx < gw; gx++) {
                contour.measure(x0 + gx * step, y0 + gy * step);
                gridSigned[gy * gw + gx] = (float) contour.signed();
                gridUpper[gy * gw + gx] = (float) contour.toUpper();
                gridLower[gy * gw + gx] = (float) contour.toLower();
            }
        }
        for (int y = y0; y <= y1; y++) {
            int gy = (y - y0) / step;
            double ty = (double) (y - y0 - gy * step) / step;
            for (int x = x0; x <= x1; x++) {
                int gx = (x - x0) / step;
                double tx = (double) (x - x0 - gx * step) / step;
                int g = gy * gw + gx;
                double signed = lerp(gridSigned, g, gw, tx, ty);
                double upper = lerp(gridUpper, g, gw, tx, ty);
                double lower = lerp(gridLower, g, gw, tx, ty);
                double side = Math.min(1, Math.abs(x - centreX) / halfWidth);
                double side2 = side * side;
                int o = 3 * (y * size + x);
                if (signed <= -0.5) {
                    highlight(bgr, o, signed, upper, lower, side2, strength, highlightScale);
                    continue;
                }
                double alpha = clamp01(signed + 0.5) * strength;
                // Darker away from the lips and from the lower lip up towards the teeth (what lies behind them is
                // in their shadow), and into the corners.
                double deep = Blink.smoothstep(Math.max(0, signed) * depthScale);
                deep = Math.max(deep, Blink.smoothstep(lower * backScale));
                deep = Math.max(deep, 0.6 * side2 * side2);
                double tongueAlpha = lower < upper
                        ? tongueShown * Blink.smoothstep((0.4 * gap - lower) / (0.3 * gap)) * (1 - side2) * (1 - side2)
                        : 0;
                double tongueLight = 1 + 0.25 * (1 - side2) * Blink.smoothstep(lower / Math.max(1, 0.3 * gap));
                double sx = inverse[0] * x + inverse[1] * y + inverse[2];
                double sy = inverse[3] * x + inverse[4] * y + inverse[5];
                double shadow = 1 - LIP_SHADOW * Math.exp(-upper / shadowReach);
                for (int c = 0; c < 3; c++) {
                    double cavity = cavityEdge[c] + (cavityDeep[c] - cavityEdge[c]) * deep;
                    bgrFill[c] = cavity + (tongue[c] * tongueLight - cavity) * tongueAlpha;
                }
                if (teethShown > 0) {
                    lowerTeeth.sample(sx - jawX, sy - jawY, sample);
                    over(sample, teethShown);
                    upperTeeth.sample(sx, sy, sample);
                    over(sample, teethShown);
                }
                for (int c = 0; c < 3; c++) {
                    double fill = bgrFill[c] * shadow;
                    double old = bgr[o + c] & 0xff;
                    bgr[o + c] = (byte) Math.max(0, Math.min(255, Math.round(old + (fill - old) * alpha)));
                }
            }
        }
    }

    /** Bilinear interpolation in a grid {@code width} wide, from cell {@code g}. */
    private static double lerp(float[] grid, int g, int width, double tx, double ty) {
        double top = grid[g] + (grid[g + 1] - grid[g]) * tx;
        double low = grid[g + width] + (grid[g + width + 1] - grid[g + width]) * tx;
        return top + (low - top) * ty;
    }

    /** Composites a premultiplied sample over the fill, at {@code opacity}. */
    private void over(double[] premultiplied, double opacity) {
        double a = premultiplied[3] * opacity;
        if (a <= 0) {
            return;
        }
        for (int c = 0; c < 3; c++) {
            bgrFill[c] = bgrFill[c] * (1 - a) + premultiplied[c] * opacity;
        }
    }

    /** The wet inner edge of the lower lip catches the light: a thin brighter line just outside the contour. */
    private static void highlight(byte[] bgr, int o, double signed, double upper, double lower, double side2,
                                  double strength, double scale) {
        if (lower >= upper) {
            return;
        }
        double d = (-signed / scale - HIGHLIGHT_AT) / HIGHLIGHT_WIDTH;
        if (d * d > 9) {
            return;
        }
        double amount = HIGHLIGHT * strength * Math.exp(-d * d) * (1 - side2) * (1 - side2);
        for (int c = 0; c < 3; c++) {
            double old = bgr[o + c] & 0xff;
            bgr[o + c] = (byte) Math.max(0, Math.min(255, Math.round(old + (255 - old) * amount)));
        }
    }

    /**
     * Fits the head's pose around the mouth: the affine map taking the mouth's landmarks (48–67) from
     * their articulated positions to the frame ({@link AffineFit}), and keeps its inverse.
     */
    private void fitPose(double[] articulated, double[] target) {
        AffineFit.fit(articulated, target, MOUTH, pose);
        double det = pose[0] * pose[4] - pose[1] * pose[3];
        inverse[0] = pose[4] / det;
        inverse[1] = -pose[1] / det;
        inverse[3] = -pose[3] / det;
        inverse[4] = pose[0] / det;
        inverse[2] = -(inverse[0] * pose[2] + inverse[1] * pose[5]);
        inverse[5] = -(inverse[3] * pose[2] + inverse[4] * pose[5]);
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }
}
