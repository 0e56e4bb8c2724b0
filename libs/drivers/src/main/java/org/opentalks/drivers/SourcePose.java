package org.opentalks.drivers;

import java.util.List;
import org.opentalks.contract.document.Point;

/**
 * The head pose of the source photo, in degrees, with {@link org.opentalks.contract.document.HeadPose}'s
 * signs: positive yaw has the nose towards image right, positive pitch is nodded down, positive
 * roll is turned clockwise on screen.
 */
public record SourcePose(double yaw, double pitch, double roll) {
    public static final SourcePose FRONTAL = new SourcePose(0, 0, 0);

    /*
     * Pose from a rigid-head approximation (after Gee & Cipolla, "Determining the gaze of faces in
     * images", 1994: the nose tip's offset from the face's symmetry axis). Under orthographic
     * projection a point at depth z in front of the jaw's sides moves sideways by z·sin(yaw) while
     * the half-width shrinks to r·cos(yaw), so (nose − mid-jaw) / half-width = (z/r)·tan(yaw).
     * Likewise for pitch with the nose tip's height between the eyes and the chin.
     */
    /** Nose-tip depth in front of jaw landmarks 0 and 16, in half face widths. */
    static final double NOSE_DEPTH_HALF_WIDTHS = 1.0;
    /** Nose tip (30) height between eye centres and chin (8) in a frontal face: mean iBUG shape. */
    static final double NOSE_HEIGHT_RATIO = 0.31;
    /** Nose-tip depth in front of the eyes, in eye-to-chin heights (about 25 mm of 115 mm). */
    static final double NOSE_DEPTH_HEIGHTS = 0.22;

    private static final int LANDMARKS = 68;
    private static final int JAW_RIGHT_SIDE = 0;
    private static final int CHIN = 8;
    private static final int JAW_LEFT_SIDE = 16;
    private static final int NOSE_TIP = 30;

    /**
     * Estimates the pose from the 68 iBUG landmarks (image pixels). Yaw and roll are good to a few
     * degrees on ordinary portraits; pitch only roughly, since faces differ in proportion.
     */
    public static SourcePose estimate(List<Point> landmarks) {
        if (landmarks == null || landmarks.size() != LANDMARKS) {
            throw new IllegalArgumentException("expected 68 landmarks, got "
                    + (landmarks == null ? null : landmarks.size()));
        }
        // 36–41 is the eye at image left (the subject's right eye), 42–47 the one at image right.
        Point left = Point.centroid(landmarks, 36, 42);
        Point right = Point.centroid(landmarks, 42, 48);
        double roll = Math.atan2(right.y() - left.y(), right.x() - left.x());
        // Undo the roll about the eyes' midpoint so that yaw and pitch read along the face's axes.
        double cx = (left.x() + right.x()) / 2;
        double cy = (left.y() + right.y()) / 2;
        double cos = Math.cos(roll);
        double sin = Math.sin(roll);
        double[] side0 = upright(landmarks.get(JAW_RIGHT_SIDE), cx, cy, cos, sin);
        double[] side16 = upright(landmarks.get(JAW_LEFT_SIDE), cx, cy, cos, sin);
        double[] nose = upright(landmarks.get(NOSE_TIP), cx, cy, cos, sin);
        double[] chin = upright(landmarks.get(CHIN), cx, cy, cos, sin);
        double halfWidth = (side16[0] - side0[0]) / 2;
        if (!(halfWidth > 0) || !(chin[1] > 0)) {
            throw new IllegalArgumentException("landmarks do not form an upright face");
        }
        double noseOffset = (nose[0] - (side0[0] + side16[0]) / 2) / halfWidth;
        double yaw = Math.atan(noseOffset / NOSE_DEPTH_HALF_WIDTHS);
        double pitch = Math.atan((nose[1] / chin[1] - NOSE_HEIGHT_RATIO) / NOSE_DEPTH_HEIGHTS);
        return new SourcePose(Math.toDegrees(yaw), Math.toDegrees(pitch), Math.toDegrees(roll));
    }

    /** The point relative to (cx, cy), rotated back by the roll (x along the eye line, y down the face). */
    private static double[] upright(Point p, double cx, double cy, double cos, double sin) {
        double dx = p.x() - cx;
        double dy = p.y() - cy;
        return new double[] {dx * cos + dy * sin, -dx * sin + dy * cos};
    }
}
