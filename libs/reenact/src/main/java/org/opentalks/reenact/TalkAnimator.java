package org.opentalks.reenact;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.HeadPose;
import org.opentalks.contract.document.Point;

/**
 * The reenactment engine: animates a square face crop so that the mouth and jaw follow the viseme
 * timeline and the voice's loudness ({@link MouthMotion}, limited to what lips can travel per
 * frame), the eyes blink, the head and brows move as the driver says, and the requested
 * expressions show ({@link Expressions}), all scaled to the face's own size. Per frame it poses the
 * warp's control points ({@link FaceRig}); builds one dense backward map from two thin-plate
 * splines, head motion then articulation, evaluated on a coarse grid and upsampled
 * ({@link DenseWarp}), carried through the exact local folds that close lids and lips
 * ({@link GapClosure}); resamples the source once through the {@link Resampler} (OpenCV or the
 * ONNX GridSample graph); and composes the mouth interior between the lips, the teeth moving with
 * their bones ({@link MouthInterior}), and covers what a blinking lid travels over with the lid's
 * own skin and lash line ({@link LidSkin}). {@link AnimationSettings} carry D-ID's motion factor,
 * normalization, fluent and sharpen. Same inputs, same bytes.
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
    /**
     * The fastest the inner lips part or close, in inter-ocular distances per second: about
     * 190 mm/s for a 63 mm inter-ocular distance, near the top of measured lip speeds in fast
     * speech (so a full open a takes two to three frames to close at 25 fps).
     */
    static final double MAX_OPENING_SPEED = 3.0;
    /** Seconds over which {@code fluent} eases the motion in and out. */
    static final double FLUENT_EASE = 0.5;

    private final Resampler resampler;

    public TalkAnimator(Resampler resampler) {
        this.resampler = Objects.requireNonNull(resampler, "resampler");
    }

    /**
     * Renders {@code numFrames} frames at {@code fps}; frame i shows time {@code i / fps}.
     *
     * @param sourceCropBgr    the {@code size × size} face crop, packed BGR24 (not modified)
     * @param landmarksInCrop  the 68 iBUG landmarks in crop pixels
     * @param performance      speech, driver and settings
     * @param sink             receives each frame; the array is reused for the next one
     * @throws IOException     whatever the sink throws (e.g. the encoder), unchanged
     */
    public void animate(byte[] sourceCropBgr, int size, List<Point> landmarksInCrop, Performance performance,
                        double fps, int numFrames, FrameSink sink) throws IOException {
        if (sourceCropBgr.length != size * size * 3) {
            throw new IllegalArgumentException("crop has " + sourceCropBgr.length + " bytes, expected "
                    + size + "x" + size + "x3");
        }
        if (!(fps > 0) || numFrames < 0) {
            throw new IllegalArgumentException("bad fps " + fps + " or frame count " + numFrames);
        }
        AnimationSettings settings = performance.settings();
        DriverTrack driver = performance.driver();
        FaceRig rig = new FaceRig(landmarksInCrop, size, RigSettings.DEFAULT);
        MouthMotion mouth = new MouthMotion(performance.visemes());
        byte[] source = settings.sharpen() ? Sharpen.apply(sourceCropBgr, size, rig::headWeight) : sourceCropBgr;
        MouthInterior interior = new MouthInterior(source, size, rig.source(), rig.interOcular());
        LidSkin lids = new LidSkin(source, size, rig.source(), rig.interOcular());
        DenseWarp warp = new DenseWarp(size, size, DenseWarp.defaultGridStep(size), rig.count());
        rig.confine(warp);
        int n = rig.count();
        DenseWarp.Weight localWeight = rig::articulationWeight;
        double[] rigPoints = new double[2 * n];
        double[] articulated = new double[2 * n];
        double[] target = new double[2 * n];
        double[] face = new double[Expressions.COMPONENTS];
        double[][] expressions = new Expressions(settings.expressions()).perFrame(numFrames);
        double cornerNormalization = rig.cornerNormalization(settings.normalizationFactor());
        float[] mapX = new float[size * size];
        float[] mapY = new float[size * size];
        byte[] frame = new byte[size * size * 3];
        List<HeadPose> poses = driver.poses();
        List<Double> brows = driver.brows();
        List<Double> blinks = driver.blinkStarts();
        double iod = rig.interOcular();
        double sourceGap = Math.max(0, rig.sourceGap());
        double lastT = Math.max(0, (numFrames - 1) / fps);
        double[][] articulations = articulations(mouth, performance.energy(), fps, numFrames);

        for (int i = 0; i < numFrames; i++) {
            double t = i / fps;
            double[] articulation = articulations[i];
            double[] expression = expressions[i];
            System.arraycopy(expression, 0, face, 0, face.length);
            double motion = settings.motionFactor() * (settings.fluent() ? fluentEnvelope(t, lastT) : 1);
            face[Expressions.CORNER_RAISE] += cornerNormalization;
            face[Expressions.BROW_RAISE] += motion * browAt(brows, driver.fps(), t);
            double open = (articulation[0] + expression[Expressions.OPEN_ADD])
                    * (1 + expression[Expressions.OPEN_SCALE]);
            double spread = articulation[1] + expression[Expressions.SPREAD];
            double blink = Blink.closure(blinks, t);
            rig.target(open, spread, blink, scaled(poseAt(poses, driver.fps(), t), motion), face, rigPoints,
                    articulated, target);
            warp.build(rigPoints, articulated, target, n, localWeight, mapX, mapY);
            rig.fold(mapX, mapY);
            resampler.remap(source, size, size, mapX, mapY, frame);
            interior.paint(frame, size, articulated, target, rig.targetGap(),
                    interior.strength(rig.targetGap(), sourceGap, iod), iod);
            lids.paint(frame, size, articulated, target, blink);
            sink.accept(i, frame);
        }
    }

    /**
     * Jaw opening and lip spread for every frame. The lip closures are applied to the mouth's
     * motion, then the opening is limited to what lips and jaw can travel in a frame
     * ({@link #MAX_OPENING_SPEED}): a rise is spread forwards, and a closing is started early enough
     * to arrive in time, so every p, b and m still shuts the lips. The spread is smoothed over three
     * frames (1-2-1).
     */
    static double[][] articulations(MouthMotion mouth, float[] energy, double fps, int numFrames) {
        double[][] raw = new double[numFrames][2];
        for (int i = 0; i < numFrames; i++) {
            mouth.at(i / fps, energyAt(energy, i), raw[i]);
        }
        double[][] out = new double[numFrames][2];
        for (int i = 0; i < numFrames; i++) {
            double[] before = raw[Math.max(0, i - 1)];
            double[] after = raw[Math.min(numFrames - 1, i + 1)];
            out[i][0] = raw[i][0] * (1 - mouth.closure(i / fps));
            out[i][1] = 0.25 * before[1] + 0.5 * raw[i][1] + 0.25 * after[1];
        }
        double step = MAX_OPENING_SPEED / fps;
        for (int i = 1; i < numFrames; i++) {
            out[i][0] = Math.min(out[i][0], out[i - 1][0] + step);
        }
        for (int i = numFrames - 2; i >= 0; i--) {
            out[i][0] = Math.min(out[i][0], out[i + 1][0] + step);
        }
        return out;
    }

    /**
     * {@code fluent}: the driver's motion eases in over the first {@link #FLUENT_EASE} seconds and
     * out over the last, so the video starts and ends in the photo's own pose and the next video
     * can start where this one stopped.
     */
    static double fluentEnvelope(double t, double lastT) {
        return Blink.smoothstep(t / FLUENT_EASE) * Blink.smoothstep((lastT - t) / FLUENT_EASE);
    }

    /** The pose moved {@code factor} of the way from rest towards {@code pose}. */
    static HeadPose scaled(HeadPose pose, double factor) {
        if (factor == 1) {
            return pose;
        }
        if (factor == 0) {
            return HeadPose.REST;
        }
        return new HeadPose(factor * pose.yaw(), factor * pose.pitch(), factor * pose.roll(), factor * pose.tx(),
                factor * pose.ty(), 1 + factor * (pose.scale() - 1));
    }

    /** The envelope at a frame; NaN without an envelope, silence past its end. */
    static double energyAt(float[] energy, int frame) {
        if (energy == null) {
            return Double.NaN;
        }
        return frame < energy.length ? energy[frame] : 0;
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

    /** The driver's brow raise at time t (nearest frame); still brows past its end. */
    private static double browAt(List<Double> brows, double driverFps, double t) {
        long j = Math.round(t * driverFps);
        return j >= 0 && j < brows.size() ? brows.get((int) j) : 0;
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
