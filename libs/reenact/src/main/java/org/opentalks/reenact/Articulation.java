package org.opentalks.reenact;

/**
 * The mouth and the jaw. Each frame the photo's lips are first closed as far as the frame needs
 * (the mouth's {@link GapClosure}, see {@link #close}); then, on the rig positions, the inner lips
 * part to the frame's opening, the outer lips, the corners and the jaw follow the change at the
 * centre, the lips spread or pucker along the eye line ({@link #articulate}), and the mouth corners
 * rise or fall ({@link #raiseCorners}). This class also decides where in the image that motion may
 * reach ({@link #weight}) and how much of the photo's own smile is relaxed
 * ({@link #cornerNormalization}).
 *
 * <p>Not thread-safe; one per animation.
 */
final class Articulation {
    /** The inner-lip points between the corners: they part from each other as the mouth opens. */
    private static final int[] UPPER_INNER = {61, 62, 63, ControlPoints.UPPER_LEFT_MIDPOINT,
        ControlPoints.UPPER_RIGHT_MIDPOINT};
    private static final int[] LOWER_INNER = {65, 66, 67, ControlPoints.LOWER_LEFT_MIDPOINT,
        ControlPoints.LOWER_RIGHT_MIDPOINT};
    /** The outer and inner mouth corners: they drop with the lower lip. */
    private static final int[] CORNERS = {Landmarks.LEFT_MOUTH_CORNER, Landmarks.RIGHT_MOUTH_CORNER,
        Landmarks.LEFT_INNER_CORNER, Landmarks.RIGHT_INNER_CORNER};
    /** The lip points a mouth-corner raise moves, each ring taking its share ({@link RigSettings.Smile}). */
    private static final int[] OUTER_CORNERS = {Landmarks.LEFT_MOUTH_CORNER, Landmarks.RIGHT_MOUTH_CORNER};
    private static final int[] INNER_CORNERS = {Landmarks.LEFT_INNER_CORNER, Landmarks.RIGHT_INNER_CORNER};
    private static final int[] MIDPOINTS = {ControlPoints.UPPER_LEFT_MIDPOINT, ControlPoints.UPPER_RIGHT_MIDPOINT,
        ControlPoints.LOWER_RIGHT_MIDPOINT, ControlPoints.LOWER_LEFT_MIDPOINT};
    private static final int[] BESIDE_CORNERS = {49, 53, 59, 55};
    private static final int[] BESIDE_INNER_CORNERS = {61, 63, 65, 67};
    private static final int[] SECOND_FROM_CORNERS = {50, 52, 58, 56};

    private final RigSettings.Mouth settings;
    private final RigSettings.Reach reach;
    private final RigSettings.Smile smile;
    private final double closureStep;
    private final FaceAxes axes;
    private final double iod;
    private final Points source;
    private final GapClosure mouth;
    private final double mouthCentreU;
    private final double sourceCornerRaise;
    private final double chinBelowEyes;
    private final double jawCentreU;
    private final double jawHalfWidth;
    private double targetGap;

    /** The closure over the photo's inner lips. */
    static GapClosure mouthClosure(Points landmarks, RigSettings settings) {
        double iod = landmarks.axes().iod();
        RigSettings.Mouth mouth = settings.mouth();
        return GapClosure.through(landmarks, Landmarks.INNER_LIP_TOP, Landmarks.INNER_LIP_BOTTOM, mouth.upperShare(),
                mouth.bandAbove() * iod, mouth.bandBelow() * iod, settings.sliver());
    }

    /**
     * @param source the control points on the photo ({@link ControlPoints})
     * @param mouth  the photo's {@link #mouthClosure}
     */
    Articulation(Points source, GapClosure mouth, RigSettings settings) {
        this.settings = settings.mouth();
        this.reach = settings.reach();
        this.smile = settings.smile();
        this.closureStep = settings.closureStep();
        this.axes = source.axes();
        this.iod = axes.iod();
        this.source = source;
        this.mouth = mouth;
        mouthCentreU = 0.5 * (source.u(Landmarks.LEFT_INNER_CORNER) + source.u(Landmarks.RIGHT_INNER_CORNER));
        sourceCornerRaise = (0.5 * (source.v(Landmarks.UPPER_LIP_CENTRE) + source.v(Landmarks.LOWER_LIP_CENTRE))
                - 0.5 * (source.v(Landmarks.LEFT_MOUTH_CORNER) + source.v(Landmarks.RIGHT_MOUTH_CORNER))) / iod;
        chinBelowEyes = (source.v(Landmarks.CHIN) - axes.eyeCentreV()) / iod;
        int leftJaw = Landmarks.LOWER_JAW.first();
        int rightJaw = Landmarks.LOWER_JAW.last();
        jawCentreU = 0.5 * (source.u(leftJaw) + source.u(rightJaw)) - axes.eyeCentreU();
        jawHalfWidth = 0.5 * Math.abs(source.u(rightJaw) - source.u(leftJaw)) / iod;
    }

    /** The source's inner-lip gap at the mouth centre (pixels; negative where the lips cross). */
    double sourceGap() {
        return mouth.lowerAt(mouthCentreU) - mouth.upperAt(mouthCentreU);
    }

    /** The inner-lip gap at the mouth centre in the last {@link #articulate} call. */
    double targetGap() {
        return targetGap;
    }

    /** Closing part of the articulation: the jaw opening (iod) as the mouth closure's goal. */
    void close(double open) {
        mouth.close(0, open * iod, settings.minimumGap() * iod, closureStep * iod);
    }

    /**
     * Opening part of the articulation, applied to the rig positions: inner lips part to the
     * goal, the outer lips, lip corners and jaw follow the central change (up or down), and the lips
     * spread or pucker along the eye line.
     *
     * @param spread lip-corner spread as a fraction of the mouth width (negative puckers)
     */
    void articulate(Points p, double spread) {
        double upperShare = settings.upperShare();
        for (int i : UPPER_INNER) {
            double u = source.u(i);
            p.moveV(i, -upperShare * Math.max(0, mouth.goalAt(u) - mouth.gapAt(u)));
        }
        for (int i : LOWER_INNER) {
            double u = source.u(i);
            p.moveV(i, (1 - upperShare) * Math.max(0, mouth.goalAt(u) - mouth.gapAt(u)));
        }
        targetGap = mouth.goalAt(mouthCentreU);
        double shift = targetGap - sourceGap();
        // The outer lips sit in the closure's bands, so their rig positions already carry part of a
        // closing; place them where the articulation of the photo's lips puts them.
        double pout = Math.max(0, -spread) * settings.pout() * iod;
        Landmarks.Group upperOuter = Landmarks.UPPER_OUTER_LIP;
        Landmarks.Group lowerOuter = Landmarks.LOWER_OUTER_LIP;
        for (int k = 0; k < upperOuter.size(); k++) {
            p.setV(upperOuter.at(k), source.v(upperOuter.at(k))
                    + (-upperShare * shift - pout) * settings.upperOuterFollow()[k]);
            p.setV(lowerOuter.at(k), source.v(lowerOuter.at(k))
                    + ((1 - upperShare) * shift + pout) * settings.lowerOuterFollow()[k]);
        }
        for (int i : CORNERS) {
            p.setV(i, source.v(i) + (1 - upperShare) * shift * settings.cornerDrop());
        }
        Landmarks.Group jaw = Landmarks.LOWER_JAW;
        for (int k = 0; k < jaw.size(); k++) {
            p.moveV(jaw.at(k), (1 - upperShare) * shift * settings.jawFollow()[k]);
        }
        // Spread or pucker: scale the lips along the eye line about the mouth centre.
        for (int i = ControlPoints.FIRST_LIP_POINT; i < ControlPoints.LIP_POINTS_END; i++) {
            p.moveU(i, spread * (source.u(i) - mouthCentreU));
        }
    }

    /** Lifts the mouth corners (iod) and, less, the lips around them (negative lowers them). */
    void raiseCorners(Points p, double raise) {
        if (raise == 0) {
            return;
        }
        raise(p, OUTER_CORNERS, raise, smile.corner());
        raise(p, INNER_CORNERS, raise, smile.innerCorner());
        raise(p, BESIDE_CORNERS, raise, smile.besideCorner());
        raise(p, BESIDE_INNER_CORNERS, raise, smile.besideInnerCorner());
        raise(p, MIDPOINTS, raise, smile.innerMidpoint());
        raise(p, SECOND_FROM_CORNERS, raise, smile.secondFromCorner());
    }

    /**
     * How far (iod) a mouth-corner raise must go to relax the photo's own smile by the given
     * share: negative lowers the corners.
     */
    double cornerNormalization(double factor) {
        return -factor * Math.max(0, Math.min(smile.maxNormalization(),
                sourceCornerRaise - smile.neutralCornerRaise()));
    }

    /**
     * Where the articulation may move the image: from just above the nose tip down to a little
     * below the (dropped) chin, and across the jaw; nothing on the upper face, the neck below or
     * the background beside the cheeks.
     */
    double weight(double x, double y) {
        double dx = x - axes.eyeCentreX();
        double dy = y - axes.eyeCentreY();
        double below = axes.v(dx, dy) / iod;
        double aside = Math.abs(axes.u(dx, dy) - jawCentreU) / iod;
        return Blink.smoothstep((below - reach.from()) / (reach.full() - reach.from()))
                * (1 - Blink.smoothstep((below - chinBelowEyes - reach.chinMargin()) / reach.fade()))
                * (1 - Blink.smoothstep((aside - jawHalfWidth - reach.jawMargin()) / reach.fade()));
    }

    private void raise(Points p, int[] points, double raise, double share) {
        for (int i : points) {
            p.moveV(i, -raise * share * iod);
        }
    }
}
