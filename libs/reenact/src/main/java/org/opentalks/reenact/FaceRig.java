package org.opentalks.reenact;

import java.util.List;
import org.opentalks.contract.document.HeadPose;
import org.opentalks.contract.document.Point;

/**
 * Turns articulation (jaw opening, lip spread), eyelid closure, expression and head pose into
 * target positions for the warp's control points, in three stages per frame: the rig positions
 * (the photo with lids and lips closed as far as the frame needs, {@link GapClosure}), the
 * articulated positions (mouth and jaw), and the frame's positions (upper face and head pose). All
 * displacements are measured in the face's own axes and scaled by the inter-ocular distance
 * ({@link FaceAxes}); the tunables are in {@link RigSettings}. The work is split by concern:
 * <ul>
 *   <li>{@link ControlPoints}: which points the warp is controlled by, on the photo;</li>
 *   <li>{@link Articulation}: the lips, the mouth corners and the jaw, and where they may move the image;</li>
 *   <li>{@link UpperFace}: the lids (blinks and expressions) and the brows;</li>
 *   <li>{@link PoseTransform}: the head's pose, and the region that moves with it.</li>
 * </ul>
 *
 * <p>Not thread-safe; one per animation.
 */
final class FaceRig {
    private final int size;
    private final double foldMargin;
    private final FaceAxes axes;
    private final int count;
    private final double[] source;
    private final Articulation articulation;
    private final UpperFace upperFace;
    private final PoseTransform head;
    /** The mouth's closure, then the eyes': the order in which they fold the backward map. */
    private final GapClosure[] closures;
    private double maxDisplacement;

    /**
     * @param landmarks the 68 iBUG landmarks in crop pixels
     * @param size      the crop's side (pixels)
     */
    FaceRig(List<Point> landmarks, int size, RigSettings settings) {
        this.size = size;
        this.foldMargin = settings.foldMargin();
        double[] marks = Landmarks.interleaved(landmarks);
        axes = FaceAxes.of(marks);
        Points photo = new Points(marks, axes);
        GapClosure mouth = Articulation.mouthClosure(photo, settings);
        upperFace = new UpperFace(photo, settings);
        ControlPoints points = new ControlPoints(photo, mouth, settings, size);
        count = points.count();
        source = points.positions();
        articulation = new Articulation(new Points(source, axes), mouth, settings);
        head = new PoseTransform(photo, points, settings.head());
        closures = new GapClosure[] {mouth, upperFace.leftEye(), upperFace.rightEye()};
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
        return axes.iod();
    }

    /** The source's inner-lip gap at the mouth centre (pixels; negative where the lips cross). */
    double sourceGap() {
        return articulation.sourceGap();
    }

    /** The inner-lip gap at the mouth centre in the last {@link #target} call, before pose. */
    double targetGap() {
        return articulation.targetGap();
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
        articulation.close(open);
        upperFace.closeEyes(blink);
        System.arraycopy(source, 0, rig, 0, 2 * count);
        for (int i = 0; i < count; i++) {
            for (GapClosure closure : closures) {
                closure.forward(rig, i);
            }
        }
        System.arraycopy(rig, 0, articulated, 0, 2 * count);
        Points mouthPose = new Points(articulated, axes);
        articulation.articulate(mouthPose, spread);
        articulation.raiseCorners(mouthPose, face[Expressions.CORNER_RAISE]);
        System.arraycopy(articulated, 0, out, 0, 2 * count);
        upperFace.express(new Points(out, axes), face);
        head.apply(pose, out);
        double most = 0;
        for (int i = 0; i < count; i++) {
            most = Math.max(most, Math.hypot(out[2 * i] - rig[2 * i], out[2 * i + 1] - rig[2 * i + 1]));
        }
        maxDisplacement = most;
    }

    /** Where the articulation may move the image ({@link Articulation#weight}). */
    double articulationWeight(double x, double y) {
        return articulation.weight(x, y);
    }

    /** Limits the warp to the head ({@link #headWeight}; see {@link DenseWarp#confine}). */
    void confine(DenseWarp warp) {
        warp.confine(this::headWeight);
    }

    /** The head region's weight at a point, 1 on the head and 0 well away from it ({@link PoseTransform#weight}). */
    double headWeight(double x, double y) {
        return head.weight(x, y);
    }

    /**
     * How far (iod) a mouth-corner raise must go to relax the photo's own smile by the given
     * share: negative lowers the corners.
     */
    double cornerNormalization(double factor) {
        return articulation.cornerNormalization(factor);
    }

    /** Carries the frame's backward map from rig space on to the photo (see {@link GapClosure}). */
    void fold(float[] mapX, float[] mapY) {
        for (GapClosure closure : closures) {
            if (closure.active()) {
                double reach = maxDisplacement + foldMargin;
                int x0 = Math.max(0, (int) Math.floor(closure.boxX0() - reach));
                int y0 = Math.max(0, (int) Math.floor(closure.boxY0() - reach));
                int x1 = Math.min(size, (int) Math.ceil(closure.boxX1() + reach) + 1);
                int y1 = Math.min(size, (int) Math.ceil(closure.boxY1() + reach) + 1);
                closure.backward(mapX, mapY, size, x0, y0, x1, y1);
            }
        }
    }
}
