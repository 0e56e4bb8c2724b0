package org.opentalks.reenact;

import java.util.Arrays;

/**
 * The warp's control points on the photo, and what the head pose needs of each (its depth, whether
 * the head carries it). In order: the 68 landmarks; four midpoints on the inner lips, between each
 * inner corner and its neighbour, so that an opening mouth takes a rounded shape; points on the
 * forehead, hair and temples that move with the head; and fixed anchors on the neck and shoulders so
 * the body does not swim. Where these points sit is set by {@link RigSettings.Anchors}.
 */
final class ControlPoints {
    /** The inner-lip midpoints: upper-left, upper-right, lower-right, lower-left. */
    static final int UPPER_LEFT_MIDPOINT = Landmarks.COUNT;
    static final int UPPER_RIGHT_MIDPOINT = Landmarks.COUNT + 1;
    static final int LOWER_RIGHT_MIDPOINT = Landmarks.COUNT + 2;
    static final int LOWER_LEFT_MIDPOINT = Landmarks.COUNT + 3;
    /** The lip points are contiguous: outer lips, inner lips, inner-lip midpoints. */
    static final int FIRST_LIP_POINT = Landmarks.OUTER_LIPS.first();
    static final int LIP_POINTS_END = LOWER_LEFT_MIDPOINT + 1;
    /** The inner-lip contour, clockwise from the left corner: upper lip first, then lower. */
    static final int[] INNER_LIP_RING = {60, UPPER_LEFT_MIDPOINT, 61, 62, 63, UPPER_RIGHT_MIDPOINT, 64,
        LOWER_RIGHT_MIDPOINT, 65, 66, 67, LOWER_LEFT_MIDPOINT};
    /** Landmarks, midpoints, and at most 8 forehead and hair, 2 temple, 3 neck and 2 shoulder points. */
    private static final int CAPACITY = LIP_POINTS_END + 15;

    private final int size;
    private final FaceAxes axes;
    private final double[] xy = new double[2 * CAPACITY];
    private final double[] depth = new double[CAPACITY];
    private final boolean[] carried = new boolean[CAPACITY];
    private int count;

    /**
     * @param landmarks the photo's landmarks
     * @param mouth     the mouth's closure, whose inner-lip contours the midpoints are put on
     * @param size      the crop's side (pixels)
     */
    ControlPoints(Points landmarks, GapClosure mouth, RigSettings settings, int size) {
        this.size = size;
        this.axes = landmarks.axes();
        RigSettings.Head head = settings.head();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            xy[2 * i] = landmarks.x(i);
            xy[2 * i + 1] = landmarks.y(i);
        }
        System.arraycopy(head.landmarkDepth(), 0, depth, 0, Landmarks.COUNT);
        Arrays.fill(carried, 0, LIP_POINTS_END, true);
        count = Landmarks.COUNT;
        int left = Landmarks.LEFT_INNER_CORNER;
        int right = Landmarks.RIGHT_INNER_CORNER;
        double z = head.lipMidpointDepth();
        onInnerLip(mouth, 0.5 * (landmarks.u(left) + landmarks.u(Landmarks.UPPER_INNER_LIP.first())), true, z);
        onInnerLip(mouth, 0.5 * (landmarks.u(Landmarks.UPPER_INNER_LIP.last()) + landmarks.u(right)), true, z);
        onInnerLip(mouth, 0.5 * (landmarks.u(Landmarks.LOWER_INNER_LIP.first()) + landmarks.u(right)), false, z);
        onInnerLip(mouth, 0.5 * (landmarks.u(left) + landmarks.u(Landmarks.LOWER_INNER_LIP.last())), false, z);
        addAnchors(landmarks, settings.anchors());
    }

    /** Number of control points (landmarks first, in iBUG order). */
    int count() {
        return count;
    }

    /** The control points on the photo, interleaved x, y: a new array. */
    double[] positions() {
        return Arrays.copyOf(xy, 2 * count);
    }

    /** Depth of point i in front of the face plane (iod). */
    double depth(int i) {
        return depth[i];
    }

    /** Whether point i moves with the head (the neck and shoulder anchors do not). */
    boolean carried(int i) {
        return carried[i];
    }

    /** Adds a point on the photo's inner-lip contour at u (the upper lip's contour or the lower's). */
    private void onInnerLip(GapClosure mouth, double u, boolean upper, double z) {
        double v = upper ? mouth.upperAt(u) : mouth.lowerAt(u);
        xy[2 * count] = axes.x(u, v);
        xy[2 * count + 1] = axes.y(u, v);
        depth[count] = z;
        count++;
    }

    private void addAnchors(Points p, RigSettings.Anchors anchors) {
        double iod = axes.iod();
        double ux = axes.ux();
        double uy = axes.uy();
        double vx = axes.vx();
        double vy = axes.vy();
        double margin = anchors.borderMargin() * iod;
        double forehead = anchors.foreheadHeight();
        double hair = anchors.hairHeight();
        int leftMiddle = Landmarks.LEFT_BROW_MIDDLE;
        int rightMiddle = Landmarks.RIGHT_BROW_MIDDLE;
        int leftInner = Landmarks.LEFT_BROW_INNER_END;
        int rightInner = Landmarks.RIGHT_BROW_INNER_END;
        double[][] crown = {
            {p.x(Landmarks.LEFT_BROW_OUTER_END), p.y(Landmarks.LEFT_BROW_OUTER_END), forehead},
            {p.x(leftMiddle), p.y(leftMiddle), forehead},
            {p.midX(leftInner, rightInner), p.midY(leftInner, rightInner), forehead},
            {p.x(rightMiddle), p.y(rightMiddle), forehead},
            {p.x(Landmarks.RIGHT_BROW_OUTER_END), p.y(Landmarks.RIGHT_BROW_OUTER_END), forehead},
            {p.x(leftMiddle), p.y(leftMiddle), hair},
            {p.midX(leftInner, rightInner), p.midY(leftInner, rightInner), anchors.hairCentreHeight()},
            {p.x(rightMiddle), p.y(rightMiddle), hair},
        };
        for (double[] c : crown) {
            addCarried(c[0] - vx * c[2] * iod, c[1] - vy * c[2] * iod, anchors.crownDepth(), margin);
        }
        double t = anchors.templeOffset();
        addCarried(p.x(Landmarks.LEFT_JAW_END) - (ux * t + vx * t) * iod,
                p.y(Landmarks.LEFT_JAW_END) - (uy * t + vy * t) * iod, anchors.templeDepth(), margin);
        addCarried(p.x(Landmarks.RIGHT_JAW_END) + (ux * t - vx * t) * iod,
                p.y(Landmarks.RIGHT_JAW_END) + (uy * t - vy * t) * iod, anchors.templeDepth(), margin);
        double neck = anchors.neckDrop();
        double spacing = anchors.neckSpacing();
        for (int k = -1; k <= 1; k++) {
            addFixed(p.x(Landmarks.CHIN) + (vx * neck + ux * spacing * k) * iod,
                    p.y(Landmarks.CHIN) + (vy * neck + uy * spacing * k) * iod);
        }
        double drop = anchors.shoulderDrop();
        double spread = anchors.shoulderSpread();
        int leftJaw = Landmarks.LOWER_JAW.first();
        int rightJaw = Landmarks.LOWER_JAW.last();
        addFixed(p.x(leftJaw) + (vx * drop - ux * spread) * iod, p.y(leftJaw) + (vy * drop - uy * spread) * iod);
        addFixed(p.x(rightJaw) + (vx * drop + ux * spread) * iod, p.y(rightJaw) + (vy * drop + uy * spread) * iod);
    }

    /** Adds a point the head carries, unless it is too close to the fixed crop border to move without tearing it. */
    private void addCarried(double x, double y, double z, double margin) {
        if (x < margin || y < margin || x > size - 1 - margin || y > size - 1 - margin) {
            return;
        }
        xy[2 * count] = x;
        xy[2 * count + 1] = y;
        depth[count] = z;
        carried[count] = true;
        count++;
    }

    /** Adds a point that stays where it is in every frame. */
    private void addFixed(double x, double y) {
        xy[2 * count] = x;
        xy[2 * count + 1] = y;
        carried[count] = false;
        count++;
    }
}
