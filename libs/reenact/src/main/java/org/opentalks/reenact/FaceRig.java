package org.opentalks.reenact;

import java.util.Arrays;
import java.util.List;
import org.opentalks.contract.document.HeadPose;
import org.opentalks.contract.document.Point;

/**
 * Turns articulation (jaw opening, lip spread), eyelid closure and head pose into target positions
 * for the warp's control points: the 68 iBUG landmarks, a few points on the forehead, hair and
 * temples that move with the head, and fixed anchors on the neck and shoulders so the body does not
 * swim. All displacements are measured in the face's own frame (u along the eye line, v down the
 * face) and scaled by the inter-ocular distance, so small and large faces, and tilted ones, behave
 * alike.
 *
 * <p>Not thread-safe; one per animation.
 */
final class FaceRig {
    static final int LANDMARKS = 68;

    /** Share of a change in lip gap taken by the upper lip; the jaw carries the rest. */
    private static final double UPPER_SHARE = 0.3;
    /** The smallest inner-lip gap a closing mouth is given (iod), so no two control points meet. */
    private static final double MIN_GAP = 0.01;
    /** How much of the eye stays open at full closure, and the upper lid's share of the travel. */
    private static final double SHUT_GAP = 0.02;
    private static final double UPPER_LID_SHARE = 0.85;
    /**
     * The head region, in iod around a point slightly above the eyes: from the top of the hair to
     * below an open jaw; motion fades out to 1.5 radii.
     */
    private static final double HEAD_CENTRE_RAISE = 0.1;
    private static final double HEAD_RADIUS_U = 1.8;
    private static final double HEAD_RADIUS_V = 2.1;
    private static final double HEAD_FADE_TO = 1.5;
    /** The articulation's reach, in iod below the eyes: none above the first, full below the second. */
    private static final double ARTICULATION_FROM = 0.3;
    private static final double ARTICULATION_FULL = 0.7;
    /** Full articulation reaches this far (iod) below the chin and beside the jaw, then fades out. */
    private static final double CHIN_MARGIN = 0.3;
    private static final double JAW_MARGIN = 0.15;
    private static final double ARTICULATION_FADE = 0.4;
    /** Depth of the head's turning axis behind the face plane (iod). */
    private static final double AXIS_DEPTH = -1.0;

    /** Depth of each landmark in front of the face plane (iod), a generic adult head. */
    private static final double[] DEPTH = {
        -0.6, -0.5, -0.35, -0.2, -0.05, 0.1, 0.2, 0.3, 0.35, 0.3, 0.2, 0.1, -0.05, -0.2, -0.35, -0.5, -0.6,
        0.0, 0.1, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.1, 0.0,
        0.25, 0.35, 0.45, 0.6, 0.35, 0.42, 0.47, 0.42, 0.35,
        0.0, 0.1, 0.1, 0.05, 0.1, 0.1, 0.05, 0.1, 0.1, 0.0, 0.1, 0.1,
        0.3, 0.38, 0.42, 0.45, 0.42, 0.38, 0.3, 0.38, 0.42, 0.43, 0.42, 0.38,
        0.3, 0.38, 0.4, 0.38, 0.3, 0.36, 0.38, 0.36,
    };
    /**
     * Extra control points on the inner lips, between each corner and its neighbour, so that an
     * opening mouth takes a rounded shape: upper-left, upper-right, lower-right, lower-left.
     */
    static final int LIP_UPPER_LEFT = 68;
    static final int LIP_UPPER_RIGHT = 69;
    static final int LIP_LOWER_RIGHT = 70;
    static final int LIP_LOWER_LEFT = 71;
    /** The inner-lip contour, clockwise from the left corner: upper lip first, then lower. */
    static final int[] INNER_LIPS = {60, 68, 61, 62, 63, 69, 64, 70, 65, 66, 67, 71};
    private static final int[] UPPER_INNER = {61, 62, 63, LIP_UPPER_LEFT, LIP_UPPER_RIGHT};
    private static final int[] LOWER_INNER = {65, 66, 67, LIP_LOWER_LEFT, LIP_LOWER_RIGHT};
    /** Heights (iod) of the bands that stretch over a closing gap: lip and skin, lid and skin. */
    private static final double LIP_BAND_ABOVE = 0.12;
    private static final double LIP_BAND_BELOW = 0.2;
    private static final double LID_BAND_ABOVE = 0.25;
    private static final double LID_BAND_BROW_SHARE = 0.45;
    private static final double LID_BAND_MIN = 0.05;
    private static final double LID_BAND_BELOW = 0.08;
    private static final double[] UPPER_OUTER = {0.45, 0.85, 1.0, 0.85, 0.45}; // 49–53
    private static final double[] LOWER_OUTER = {0.5, 0.85, 1.0, 0.85, 0.5}; // 55–59
    private static final int[] CORNERS = {48, 54, 60, 64};
    private static final double CORNER_DROP = 0.35;
    private static final double[] JAW = {0.15, 0.4, 0.7, 0.9, 1.0, 0.9, 0.7, 0.4, 0.15}; // 4–12
    private static final double POUT = 0.12;
    /** How much each lip point follows a mouth-corner raise (smile), in landmark order from 48. */
    private static final int[] SMILE_POINTS = {48, 54, 60, 64, 49, 53, 59, 55, 61, 63, 65, 67,
        LIP_UPPER_LEFT, LIP_UPPER_RIGHT, LIP_LOWER_RIGHT, LIP_LOWER_LEFT, 50, 52, 58, 56};
    private static final double[] SMILE_SHARE = {1, 1, 0.9, 0.9, 0.45, 0.45, 0.45, 0.45, 0.3, 0.3, 0.3, 0.3,
        0.6, 0.6, 0.6, 0.6, 0.15, 0.15, 0.15, 0.15};
    /** A brow raise along each brow, outer end to inner end (17–21, mirrored for 26–22). */
    private static final double[] BROW_PROFILE = {0.8, 0.95, 1.0, 0.95, 0.85};
    /** A knit moves the inner brow ends towards each other and down (19–21 and 24–22). */
    private static final double[] KNIT_PROFILE = {0.3, 0.7, 1.0};
    private static final double KNIT_DROP = 0.6;
    private static final int[] UPPER_LIDS = {37, 38, 43, 44};
    private static final int[] LOWER_LIDS = {40, 41, 46, 47};
    /**
     * Mouth corners of a relaxed face sit at most this far (iod) above the middle of the closed lip
     * line, the lips' own curve (measured: 0.054 on Grace Hopper's neutral mouth, 0.148 on the
     * astronaut's smile); a photo whose corners sit higher is smiling, and normalization lowers them
     * by the excess, up to {@link #MAX_CORNER_NORMALIZATION}.
     */
    private static final double NEUTRAL_CORNER_RAISE = 0.07;
    private static final double MAX_CORNER_NORMALIZATION = 0.08;

    private final int size;
    private final int count;
    private final double[] source;
    private final double[] depth;
    private final boolean[] moving;
    private final double ux;
    private final double uy;
    private final double iod;
    private final double faceWidth;
    private final double centreX;
    private final double centreY;
    private final double eyeCentreX;
    private final double eyeCentreY;
    private final double chinBelowEyes;
    private final double jawCentreU;
    private final double jawHalfWidth;
    private final double mouthCentreU;
    private final GapClosure mouth;
    private final GapClosure leftEye;
    private final GapClosure rightEye;
    private final GapClosure[] closures;
    private final double sourceCornerRaise;
    private double targetGap;
    private double maxDisplacement;

    FaceRig(List<Point> landmarks, int size) {
        if (landmarks.size() != LANDMARKS) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + landmarks.size());
        }
        this.size = size;
        double[] p = new double[2 * LANDMARKS];
        for (int i = 0; i < LANDMARKS; i++) {
            p[2 * i] = landmarks.get(i).x();
            p[2 * i + 1] = landmarks.get(i).y();
        }
        double lx = 0;
        double ly = 0;
        double rx = 0;
        double ry = 0;
        for (int i = 0; i < 6; i++) {
            lx += p[2 * (36 + i)] / 6;
            ly += p[2 * (36 + i) + 1] / 6;
            rx += p[2 * (42 + i)] / 6;
            ry += p[2 * (42 + i) + 1] / 6;
        }
        iod = Math.hypot(rx - lx, ry - ly);
        eyeCentreX = 0.5 * (lx + rx);
        eyeCentreY = 0.5 * (ly + ry);
        if (!(iod > 2)) {
            throw new IllegalArgumentException("eyes too close together: landmarks do not describe a face");
        }
        ux = (rx - lx) / iod;
        uy = (ry - ly) / iod;
        faceWidth = Math.hypot(p[32] - p[0], p[33] - p[1]);
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < LANDMARKS; i++) {
            cx += p[2 * i] / LANDMARKS;
            cy += p[2 * i + 1] / LANDMARKS;
        }
        centreX = cx;
        centreY = cy;
        mouthCentreU = 0.5 * (alongU(p, 60) + alongU(p, 64));
        sourceCornerRaise = (0.5 * (alongV(p, 62) + alongV(p, 66)) - 0.5 * (alongV(p, 48) + alongV(p, 54))) / iod;
        chinBelowEyes = (alongV(p, 8) - (eyeCentreX * vx() + eyeCentreY * vy())) / iod;
        jawCentreU = 0.5 * (alongU(p, 4) + alongU(p, 12)) - (eyeCentreX * ux + eyeCentreY * uy);
        jawHalfWidth = 0.5 * Math.abs(alongU(p, 12) - alongU(p, 4)) / iod;
        mouth = closure(p, new int[] {60, 61, 62, 63, 64}, new int[] {60, 67, 66, 65, 64}, UPPER_SHARE,
                LIP_BAND_ABOVE, LIP_BAND_BELOW);
        leftEye = closure(p, new int[] {36, 37, 38, 39}, new int[] {36, 41, 40, 39}, UPPER_LID_SHARE,
                lidBand(p, 37, 38, 19, 20), LID_BAND_BELOW);
        rightEye = closure(p, new int[] {42, 43, 44, 45}, new int[] {42, 47, 46, 45}, UPPER_LID_SHARE,
                lidBand(p, 43, 44, 23, 24), LID_BAND_BELOW);
        closures = new GapClosure[] {mouth, leftEye, rightEye};

        int capacity = LANDMARKS + 4 + 15;
        double[] pts = new double[2 * capacity];
        double[] dep = new double[capacity];
        boolean[] mov = new boolean[capacity];
        System.arraycopy(p, 0, pts, 0, 2 * LANDMARKS);
        System.arraycopy(DEPTH, 0, dep, 0, LANDMARKS);
        Arrays.fill(mov, 0, LANDMARKS + 4, true);
        int n = LANDMARKS;
        n = onContour(pts, dep, n, 0.5 * (alongU(p, 60) + alongU(p, 61)), true);
        n = onContour(pts, dep, n, 0.5 * (alongU(p, 63) + alongU(p, 64)), true);
        n = onContour(pts, dep, n, 0.5 * (alongU(p, 65) + alongU(p, 64)), false);
        n = onContour(pts, dep, n, 0.5 * (alongU(p, 60) + alongU(p, 67)), false);
        double margin = 0.2 * iod;
        // Forehead and hair: carried by the head.
        double[][] crown = {
            {p[34], p[35], 0.5}, {p[38], p[39], 0.5}, {mid(p, 21, 22, 0), mid(p, 21, 22, 1), 0.5},
            {p[48], p[49], 0.5}, {p[52], p[53], 0.5},
            {p[38], p[39], 1.2}, {mid(p, 21, 22, 0), mid(p, 21, 22, 1), 1.3}, {p[48], p[49], 1.2},
        };
        for (double[] c : crown) {
            n = add(pts, dep, mov, n, c[0] - vx() * c[2] * iod, c[1] - vy() * c[2] * iod, 0.1, true, margin);
        }
        // Temples, beside the outer jaw points.
        n = add(pts, dep, mov, n, p[0] - (ux * 0.3 + vx() * 0.3) * iod, p[1] - (uy * 0.3 + vy() * 0.3) * iod,
                -0.6, true, margin);
        n = add(pts, dep, mov, n, p[32] + (ux * 0.3 - vx() * 0.3) * iod, p[33] + (uy * 0.3 - vy() * 0.3) * iod,
                -0.6, true, margin);
        // Neck and shoulders: fixed.
        double chinX = p[16];
        double chinY = p[17];
        for (int k = -1; k <= 1; k++) {
            n = add(pts, dep, mov, n, chinX + (vx() * 1.1 + ux * 0.7 * k) * iod,
                    chinY + (vy() * 1.1 + uy * 0.7 * k) * iod, 0, false, 0);
        }
        n = add(pts, dep, mov, n, p[8] + (vx() * 1.4 - ux * 0.5) * iod, p[9] + (vy() * 1.4 - uy * 0.5) * iod,
                0, false, 0);
        n = add(pts, dep, mov, n, p[24] + (vx() * 1.4 + ux * 0.5) * iod, p[25] + (vy() * 1.4 + uy * 0.5) * iod,
                0, false, 0);
        count = n;
        source = Arrays.copyOf(pts, 2 * n);
        depth = Arrays.copyOf(dep, n);
        moving = Arrays.copyOf(mov, n);
    }

    /** Number of control points (landmarks first, in iBUG order). */
    int count() {
        return count;
    }

    /** The control points in the source crop, interleaved x, y. Do not modify. */
    double[] source() {
        return source;
    }

    double interOcular() {
        return iod;
    }

    /** The source's inner-lip gap at the mouth centre (pixels; negative where the lips cross). */
    double sourceGap() {
        return mouth.lowerAt(mouthCentreU) - mouth.upperAt(mouthCentreU);
    }

    /** The inner-lip gap at the mouth centre in the last {@link #target} call, before pose. */
    double targetGap() {
        return targetGap;
    }

    /**
     * Poses the face for one frame: writes each control point's position in rig space (the photo
     * with eyes and lips closed as far as this frame needs, see {@link GapClosure}), after the
     * articulation (mouth open or spread, jaw), and in the frame (after the head pose as well).
     *
     * @param open   jaw opening: inner-lip gap at the centre in inter-ocular distances
     * @param spread lip-corner spread as a fraction of the mouth width (negative puckers)
     * @param blink  eyelid closure in [0, 1]
     * @param pose   head pose relative to the photo
     * @param face   expression components ({@link Expressions} layout; corner raise, brows and lids
     *               are used here), already combined with the driver's brow motion and normalization
     */
    void target(double open, double spread, double blink, HeadPose pose, double[] face, double[] rig,
                double[] articulated, double[] out) {
        closeMouth(open);
        closeEyes(blink);
        System.arraycopy(source, 0, rig, 0, 2 * count);
        for (int i = 0; i < count; i++) {
            mouth.forward(rig, i);
            leftEye.forward(rig, i);
            rightEye.forward(rig, i);
        }
        System.arraycopy(rig, 0, articulated, 0, 2 * count);
        articulate(articulated, spread);
        raiseCorners(articulated, face[Expressions.CORNER_RAISE]);
        System.arraycopy(articulated, 0, out, 0, 2 * count);
        expressUpperFace(out, face);
        applyPose(pose, out);
        double most = 0;
        for (int i = 0; i < count; i++) {
            most = Math.max(most, Math.hypot(out[2 * i] - rig[2 * i], out[2 * i + 1] - rig[2 * i + 1]));
        }
        maxDisplacement = most;
    }

    /**
     * Where the articulation may move the image: from just above the nose tip down to a little
     * below the (dropped) chin, and across the jaw; nothing on the upper face, the neck below or
     * the background beside the cheeks.
     */
    double articulationWeight(double x, double y) {
        double dx = x - eyeCentreX;
        double dy = y - eyeCentreY;
        double below = (dx * vx() + dy * vy()) / iod;
        double aside = Math.abs(dx * ux + dy * uy - jawCentreU) / iod;
        return Blink.smoothstep((below - ARTICULATION_FROM) / (ARTICULATION_FULL - ARTICULATION_FROM))
                * (1 - Blink.smoothstep((below - chinBelowEyes - CHIN_MARGIN) / ARTICULATION_FADE))
                * (1 - Blink.smoothstep((aside - jawHalfWidth - JAW_MARGIN) / ARTICULATION_FADE));
    }

    /** Limits the warp to the head ({@link #headWeight}; see {@link DenseWarp#confine}). */
    void confine(DenseWarp warp) {
        warp.confine(this::headWeight);
    }

    /**
     * The head region's weight at a point: 1 inside an ellipse around the eyes reaching the hair and
     * the chin (axes along the eye line and down the face), fading smoothly to 0 at
     * {@link #HEAD_FADE_TO} radii and exactly 0 beyond.
     */
    double headWeight(double x, double y) {
        double dx = x - (eyeCentreX - vx() * HEAD_CENTRE_RAISE * iod);
        double dy = y - (eyeCentreY - vy() * HEAD_CENTRE_RAISE * iod);
        double a = (dx * ux + dy * uy) / (HEAD_RADIUS_U * iod);
        double b = (-dx * uy + dy * ux) / (HEAD_RADIUS_V * iod);
        return 1 - Blink.smoothstep((Math.sqrt(a * a + b * b) - 1) / (HEAD_FADE_TO - 1));
    }

    /** Carries the frame's backward map from rig space on to the photo (see {@link GapClosure}). */
    void fold(float[] mapX, float[] mapY) {
        for (GapClosure closure : closures) {
            if (closure.active()) {
                double reach = maxDisplacement + 2;
                int x0 = Math.max(0, (int) Math.floor(closure.boxX0() - reach));
                int y0 = Math.max(0, (int) Math.floor(closure.boxY0() - reach));
                int x1 = Math.min(size, (int) Math.ceil(closure.boxX1() + reach) + 1);
                int y1 = Math.min(size, (int) Math.ceil(closure.boxY1() + reach) + 1);
                closure.backward(mapX, mapY, size, x0, y0, x1, y1);
            }
        }
    }

    /** Closing part of the articulation: the jaw opening as the mouth closure's goal. */
    private void closeMouth(double open) {
        mouth.close(0, open * iod, MIN_GAP * iod, 0.05 * iod);
    }

    /** Upper lids travel most of the way down to the lower lids, which rise a little. */
    private void closeEyes(double blink) {
        double relative = 1 - (1 - SHUT_GAP) * blink;
        leftEye.close(relative, 0, 0, 0.05 * iod);
        rightEye.close(relative, 0, 0, 0.05 * iod);
    }

    /**
     * Opening part of the articulation, applied to the rig positions: inner lips part to the
     * goal, the outer lips, lip corners and jaw follow the central change (up or down), and the lips
     * spread or pucker along the eye line.
     */
    private void articulate(double[] p, double spread) {
        for (int i : UPPER_INNER) {
            double u = alongU(source, i);
            moveV(p, i, -UPPER_SHARE * Math.max(0, mouth.goalAt(u) - mouth.gapAt(u)));
        }
        for (int i : LOWER_INNER) {
            double u = alongU(source, i);
            moveV(p, i, (1 - UPPER_SHARE) * Math.max(0, mouth.goalAt(u) - mouth.gapAt(u)));
        }
        targetGap = mouth.goalAt(mouthCentreU);
        double shift = targetGap - sourceGap();
        // The outer lips sit in the closure's bands, so their rig positions already carry part of a
        // closing; place them where the articulation of the photo's lips puts them.
        double pout = Math.max(0, -spread) * POUT * iod;
        for (int i = 0; i < 5; i++) {
            setV(p, 49 + i, alongV(source, 49 + i) + (-UPPER_SHARE * shift - pout) * UPPER_OUTER[i]);
            setV(p, 55 + i, alongV(source, 55 + i) + ((1 - UPPER_SHARE) * shift + pout) * LOWER_OUTER[i]);
        }
        for (int i : CORNERS) {
            setV(p, i, alongV(source, i) + (1 - UPPER_SHARE) * shift * CORNER_DROP);
        }
        for (int i = 0; i < JAW.length; i++) {
            moveV(p, 4 + i, (1 - UPPER_SHARE) * shift * JAW[i]);
        }
        // Spread or pucker: scale the lips along the eye line about the mouth centre.
        for (int i = 48; i < LANDMARKS + 4; i++) {
            double du = spread * (alongU(source, i) - mouthCentreU);
            p[2 * i] += ux * du;
            p[2 * i + 1] += uy * du;
        }
    }

    /**
     * How far (iod) a mouth-corner raise must go to relax the photo's own smile by the given
     * share: negative lowers the corners.
     */
    double cornerNormalization(double factor) {
        return -factor * Math.max(0, Math.min(MAX_CORNER_NORMALIZATION, sourceCornerRaise - NEUTRAL_CORNER_RAISE));
    }

    /** Lifts the mouth corners and, less, the lips around them (negative lowers them). */
    private void raiseCorners(double[] p, double raise) {
        if (raise == 0) {
            return;
        }
        for (int k = 0; k < SMILE_POINTS.length; k++) {
            moveV(p, SMILE_POINTS[k], -raise * SMILE_SHARE[k] * iod);
        }
    }

    /** Brows up or down and knitted, upper lids widened or lowered, lower lids pushed up by the cheeks. */
    private void expressUpperFace(double[] p, double[] face) {
        double raise = face[Expressions.BROW_RAISE] * iod;
        double knit = face[Expressions.BROW_KNIT] * iod;
        for (int k = 0; k < 5; k++) {
            moveV(p, 17 + k, -raise * BROW_PROFILE[k]);
            moveV(p, 26 - k, -raise * BROW_PROFILE[k]);
        }
        for (int k = 0; k < 3; k++) {
            double d = knit * KNIT_PROFILE[k];
            moveU(p, 19 + k, d);
            moveU(p, 24 - k, -d);
            moveV(p, 19 + k, KNIT_DROP * d);
            moveV(p, 24 - k, KNIT_DROP * d);
        }
        double upper = face[Expressions.UPPER_LID_RAISE] * iod;
        double lower = face[Expressions.LOWER_LID_RAISE] * iod;
        for (int i : UPPER_LIDS) {
            moveV(p, i, -upper);
        }
        for (int i : LOWER_LIDS) {
            moveV(p, i, -lower);
        }
    }

    /**
     * Small-angle head rotation: yaw and pitch shift each point along u and v in proportion to its
     * depth in front of the turning axis (positive yaw moves the nose towards +u, i.e. image right
     * for an upright face; positive pitch moves it down); roll turns the face in the image plane
     * (positive = clockwise on screen); then scale about the face centre and translate by
     * fractions of the face width. Points not carried by the head (neck anchors) stay put.
     */
    private void applyPose(HeadPose pose, double[] out) {
        if (pose.equals(HeadPose.REST)) {
            return;
        }
        double sinYaw = Math.sin(Math.toRadians(pose.yaw()));
        double cosYaw = Math.cos(Math.toRadians(pose.yaw()));
        double sinPitch = Math.sin(Math.toRadians(pose.pitch()));
        double cosPitch = Math.cos(Math.toRadians(pose.pitch()));
        double sinRoll = Math.sin(Math.toRadians(pose.roll()));
        double cosRoll = Math.cos(Math.toRadians(pose.roll()));
        double s = pose.scale();
        double tx = pose.tx() * faceWidth;
        double ty = pose.ty() * faceWidth;
        double vx = vx();
        double vy = vy();
        for (int i = 0; i < count; i++) {
            if (!moving[i]) {
                continue;
            }
            double rx = out[2 * i] - centreX;
            double ry = out[2 * i + 1] - centreY;
            double a = rx * ux + ry * uy;
            double b = rx * vx + ry * vy;
            double lever = (depth[i] - AXIS_DEPTH) * iod;
            a = a * cosYaw + lever * sinYaw;
            b = b * cosPitch + lever * sinPitch;
            double ra = s * (a * cosRoll - b * sinRoll);
            double rb = s * (a * sinRoll + b * cosRoll);
            out[2 * i] = centreX + ra * ux + rb * vx + tx;
            out[2 * i + 1] = centreY + ra * uy + rb * vy + ty;
        }
    }

    private int add(double[] pts, double[] dep, boolean[] mov, int n, double x, double y, double z,
                    boolean carried, double margin) {
        if (carried && (x < margin || y < margin || x > size - 1 - margin || y > size - 1 - margin)) {
            return n; // too close to the fixed frame border to move without tearing it
        }
        pts[2 * n] = x;
        pts[2 * n + 1] = y;
        dep[n] = z;
        mov[n] = carried;
        return n + 1;
    }

    private void setV(double[] p, int i, double v) {
        moveV(p, i, v - alongV(p, i));
    }

    private void moveU(double[] p, int i, double d) {
        p[2 * i] += ux * d;
        p[2 * i + 1] += uy * d;
    }

    private void moveV(double[] p, int i, double d) {
        p[2 * i] += vx() * d;
        p[2 * i + 1] += vy() * d;
    }

    private double alongU(double[] p, int i) {
        return p[2 * i] * ux + p[2 * i + 1] * uy;
    }

    private double alongV(double[] p, int i) {
        return p[2 * i] * vx() + p[2 * i + 1] * vy();
    }

    /** v, the face's downward axis: u turned a quarter clockwise on screen (y points down). */
    private double vx() {
        return -uy;
    }

    private double vy() {
        return ux;
    }

    /** A mouth or eye closure over the contours through these landmarks. */
    private GapClosure closure(double[] p, int[] upper, int[] lower, double share, double above, double below) {
        double[] uu = new double[upper.length];
        double[] uv = new double[upper.length];
        double[] lu = new double[lower.length];
        double[] lv = new double[lower.length];
        for (int k = 0; k < upper.length; k++) {
            uu[k] = alongU(p, upper[k]);
            uv[k] = alongV(p, upper[k]);
        }
        for (int k = 0; k < lower.length; k++) {
            lu[k] = alongU(p, lower[k]);
            lv[k] = alongV(p, lower[k]);
        }
        return new GapClosure(uu, uv, lu, lv, share, above * iod, below * iod, ux, uy);
    }

    /** The lid skin that unrolls over a closing eye, stopping short of the brow (iod). */
    private double lidBand(double[] p, int lid1, int lid2, int brow1, int brow2) {
        double lidToBrow = 0.5 * (alongV(p, lid1) + alongV(p, lid2) - alongV(p, brow1) - alongV(p, brow2));
        return Math.max(LID_BAND_MIN, Math.min(LID_BAND_ABOVE, LID_BAND_BROW_SHARE * lidToBrow / iod));
    }

    /** Adds a control point on the photo's inner-lip contour at u. */
    private int onContour(double[] pts, double[] dep, int n, double u, boolean upper) {
        double v = upper ? mouth.upperAt(u) : mouth.lowerAt(u);
        pts[2 * n] = u * ux - v * uy;
        pts[2 * n + 1] = u * uy + v * ux;
        dep[n] = 0.34;
        return n + 1;
    }

    private static double mid(double[] p, int a, int b, int axis) {
        return 0.5 * (p[2 * a + axis] + p[2 * b + axis]);
    }
}
