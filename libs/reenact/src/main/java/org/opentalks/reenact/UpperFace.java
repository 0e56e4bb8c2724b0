package org.opentalks.reenact;

/**
 * The eyes and brows. Each frame the photo's eyes are closed as far as the blink needs (a
 * {@link GapClosure} per eye, see {@link #closeEyes}); then, on the articulated positions, the brows
 * rise or fall and knit, and the lids widen or lower as the expression asks ({@link #express}).
 *
 * <p>Not thread-safe; one per animation.
 */
final class UpperFace {
    private final RigSettings.Lids lids;
    private final RigSettings.Brows brows;
    private final double closureStep;
    private final double iod;
    private final GapClosure leftEye;
    private final GapClosure rightEye;

    UpperFace(Points landmarks, RigSettings settings) {
        this.lids = settings.lids();
        this.brows = settings.brows();
        this.closureStep = settings.closureStep();
        this.iod = landmarks.axes().iod();
        leftEye = eyeClosure(landmarks, Landmarks.LEFT_LIDS, settings.sliver());
        rightEye = eyeClosure(landmarks, Landmarks.RIGHT_LIDS, settings.sliver());
    }

    /** The closure over the left eye (in the image), then the right. */
    GapClosure leftEye() {
        return leftEye;
    }

    GapClosure rightEye() {
        return rightEye;
    }

    /**
     * Upper lids travel most of the way down to the lower lids, which rise a little.
     *
     * @param blink eyelid closure in [0, 1]
     */
    void closeEyes(double blink) {
        double relative = 1 - (1 - lids.shutGap()) * blink;
        leftEye.close(relative, 0, 0, closureStep * iod);
        rightEye.close(relative, 0, 0, closureStep * iod);
    }

    /**
     * Brows up or down and knitted, upper lids widened or lowered, lower lids pushed up by the
     * cheeks.
     *
     * @param face expression components ({@link Expressions} layout; brows and lids are used here)
     */
    void express(Points p, double[] face) {
        double raise = face[Expressions.BROW_RAISE] * iod;
        double knit = face[Expressions.BROW_KNIT] * iod;
        int[] left = Landmarks.LEFT_BROW_INWARDS;
        int[] right = Landmarks.RIGHT_BROW_INWARDS;
        double[] profile = brows.raiseProfile();
        for (int k = 0; k < left.length; k++) {
            p.moveV(left[k], -raise * profile[k]);
            p.moveV(right[k], -raise * profile[k]);
        }
        double[] knitProfile = brows.knitProfile();
        int inner = left.length - knitProfile.length;
        for (int k = 0; k < knitProfile.length; k++) {
            // Towards the other brow: +u for the left one, −u for the right.
            double d = knit * knitProfile[k];
            p.moveU(left[inner + k], d);
            p.moveU(right[inner + k], -d);
            p.moveV(left[inner + k], brows.knitDrop() * d);
            p.moveV(right[inner + k], brows.knitDrop() * d);
        }
        double upper = face[Expressions.UPPER_LID_RAISE] * iod;
        double lower = face[Expressions.LOWER_LID_RAISE] * iod;
        for (Landmarks.EyeLids eye : new Landmarks.EyeLids[] {Landmarks.LEFT_LIDS, Landmarks.RIGHT_LIDS}) {
            for (int i : eye.upperLid()) {
                p.moveV(i, -upper);
            }
            for (int i : eye.lowerLid()) {
                p.moveV(i, -lower);
            }
        }
    }

    /** A closure over the eye's lids; the lid skin that unrolls over it stops short of the brow. */
    private GapClosure eyeClosure(Points landmarks, Landmarks.EyeLids eye, double sliver) {
        int[] lid = eye.upperLid();
        int[] brow = eye.browAbove();
        double lidToBrow = 0.5 * (landmarks.v(lid[0]) + landmarks.v(lid[1]) - landmarks.v(brow[0])
                - landmarks.v(brow[1]));
        double band = Math.max(lids.bandMin(), Math.min(lids.bandAbove(), lids.bandBrowShare() * lidToBrow / iod));
        return GapClosure.through(landmarks, eye.top(), eye.bottom(), lids.upperShare(), band * iod,
                lids.bandBelow() * iod, sliver);
    }
}
