package org.opentalks.reenact;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.HeadPose;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.document.VisemeTrack;

/**
 * The reenactment engine: animates a square face crop so that the mouth and jaw follow the viseme
 * timeline ({@link MouthMotion}), the eyes blink and the head moves as the driver says. Per frame
 * it poses the warp's control points ({@link FaceRig}); builds one dense backward map from two
 * thin-plate splines, head motion then articulation ({@link DenseWarp}), carried through the exact
 * local folds that close lids and lips ({@link GapClosure}); resamples the source once through the
 * {@link Resampler}; and paints the mouth interior where the lips part further than in the photo
 * ({@link MouthInterior}). Same inputs, same bytes.
 *
 * <p>Frame buffers are allocated once per {@link #animate} call. Not thread-safe, because the
 * resampler usually is not: use one animator per rendering thread.
 */
public final class TalkAnimator {
    /** Extra opening (inter-ocular distances) over which the painted interior fades in. */
    private static final double INTERIOR_FADE = 0.04;
    /** A closed mouth's seam is painted fully up to this gap (iod) and fades out over the next. */
    private static final double SEAM_GAP = 0.012;
    private static final double SEAM_FADE = 0.03;
    private static final double SEAM_OPACITY = 0.6;

    private final Resampler resampler;

    public TalkAnimator(Resampler resampler) {
        this.resampler = Objects.requireNonNull(resampler, "resampler");
    }

    /**
     * Renders {@code numFrames} frames at {@code fps}; frame i shows time {@code i / fps}.
     *
     * @param sourceCropBgr    the {@code size × size} face crop, packed BGR24 (not modified)
     * @param landmarksInCrop  the 68 iBUG landmarks in crop pixels
     * @param visemes          the mouth-shape timeline of the speech; REST beyond its end
     * @param driver           head pose per frame (at the driver's fps, the last one held) and blink
     *                         start times; no poses means a still head
     * @param sink             receives each frame; the array is reused for the next one
     * @throws IOException     whatever the sink throws (e.g. the encoder), unchanged
     */
    public void animate(byte[] sourceCropBgr, int size, List<Point> landmarksInCrop, VisemeTrack visemes,
                        DriverTrack driver, double fps, int numFrames, FrameSink sink) throws IOException {
        if (sourceCropBgr.length != size * size * 3) {
            throw new IllegalArgumentException("crop has " + sourceCropBgr.length + " bytes, expected "
                    + size + "x" + size + "x3");
        }
        if (!(fps > 0) || numFrames < 0) {
            throw new IllegalArgumentException("bad fps " + fps + " or frame count " + numFrames);
        }
        FaceRig rig = new FaceRig(landmarksInCrop, size);
        MouthMotion mouth = new MouthMotion(visemes);
        MouthInterior interior = new MouthInterior();
        DenseWarp warp = new DenseWarp(size, size, DenseWarp.defaultGridStep(size), rig.count());
        rig.confine(warp);
        int n = rig.count();
        DenseWarp.Weight localWeight = rig::articulationWeight;
        double[] rigPoints = new double[2 * n];
        double[] articulated = new double[2 * n];
        double[] target = new double[2 * n];
        double[] articulation = new double[2];
        float[] mapX = new float[size * size];
        float[] mapY = new float[size * size];
        byte[] frame = new byte[size * size * 3];
        List<HeadPose> poses = driver.poses();
        List<Double> blinks = driver.blinkStarts();
        double iod = rig.interOcular();
        double sourceGap = Math.max(0, rig.sourceGap());

        for (int i = 0; i < numFrames; i++) {
            double t = i / fps;
            mouth.at(t, articulation);
            double blink = Blink.closure(blinks, t);
            rig.target(articulation[0], articulation[1], blink, poseAt(poses, driver.fps(), t), rigPoints,
                    articulated, target);
            warp.build(rigPoints, articulated, target, n, localWeight, mapX, mapY);
            rig.fold(mapX, mapY);
            resampler.remap(sourceCropBgr, size, size, mapX, mapY, frame);
            interior.paint(frame, size, target, rig.targetGap(), interiorStrength(rig.targetGap(), sourceGap, iod),
                    iod);
            sink.accept(i, frame);
        }
    }

    /**
     * How opaque the painted interior is: it fades in as the lips part beyond the photo's gap (a
     * warp would show stretched lips there), and it draws the dark seam of lips squeezed shut over
     * an open photo mouth.
     */
    static double interiorStrength(double gap, double sourceGap, double iod) {
        double opening = (gap - sourceGap) / (INTERIOR_FADE * iod);
        double seam = gap < sourceGap
                ? SEAM_OPACITY * (1 - Blink.smoothstep((gap / iod - SEAM_GAP) / SEAM_FADE)) : 0;
        return Math.max(0, Math.min(1, Math.max(opening, seam)));
    }

    /** The driver's pose at time t (nearest frame, held at the ends); rest pose if it has none. */
    private static HeadPose poseAt(List<HeadPose> poses, double driverFps, double t) {
        if (poses.isEmpty()) {
            return HeadPose.REST;
        }
        long j = Math.round(t * driverFps);
        return poses.get((int) Math.max(0, Math.min(poses.size() - 1, j)));
    }
}
