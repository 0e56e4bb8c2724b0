package org.opentalks.reenact;

/**
 * The rig's tunables in one place: how the lips, jaw, lids and brows move, how far the articulation
 * and the head reach, and where the control points beyond the landmarks sit. Lengths are in
 * inter-ocular distances (iod) unless a field says otherwise; u runs along the eye line, v down the
 * face ({@link FaceAxes}); landmark numbers are iBUG's ({@link Landmarks}). {@link #DEFAULT} holds the
 * values the engine is tuned with. The arrays are copied in and must not be modified.
 *
 * @param mouth       the lips' and the jaw's share of an opening, and the mouth closure's bands
 * @param reach       the part of the face the articulation moves
 * @param smile       how the lips follow a mouth-corner raise, and how much of a photo's smile is relaxed
 * @param lids        the eye closure: how far the lids travel and the bands that stretch over the eye
 * @param brows       how a brow raise and a knit are shared along the brows
 * @param head        the region that moves with the head and the depths it turns about
 * @param anchors     the control points on the forehead, hair, temples, neck and shoulders
 * @param closureStep the step (iod) at which a closure samples its contours to tell whether it squeezes
 * @param sliver      a squeezed gap thinner than this (pixels) shows only its upper margin: a sliver under
 *                    a pixel would sample stray bits of eye or teeth
 * @param foldMargin  how far (pixels) beyond the frame's largest control-point displacement a closure's
 *                    fold is carried through the backward map
 */
record RigSettings(Mouth mouth, Reach reach, Smile smile, Lids lids, Brows brows, Head head, Anchors anchors,
                   double closureStep, double sliver, double foldMargin) {

    /** The values the engine is tuned with. */
    static final RigSettings DEFAULT = new RigSettings(
            new Mouth(0.3, 0.01, 0.12, 0.2, new double[] {0.45, 0.85, 1.0, 0.85, 0.45},
                    new double[] {0.5, 0.85, 1.0, 0.85, 0.5}, 0.35,
                    new double[] {0.15, 0.4, 0.7, 0.9, 1.0, 0.9, 0.7, 0.4, 0.15}, 0.12),
            new Reach(0.3, 0.7, 0.3, 0.15, 0.4),
            new Smile(1, 0.9, 0.6, 0.45, 0.3, 0.15, 0.07, 0.08),
            new Lids(0.02, 0.85, 0.25, 0.45, 0.05, 0.08),
            new Brows(new double[] {0.8, 0.95, 1.0, 0.95, 0.85}, new double[] {0.3, 0.7, 1.0}, 0.6),
            new Head(0.1, 1.8, 2.1, 1.5, -1.0, new double[] {
                -0.6, -0.5, -0.35, -0.2, -0.05, 0.1, 0.2, 0.3, 0.35, 0.3, 0.2, 0.1, -0.05, -0.2, -0.35, -0.5, -0.6,
                0.0, 0.1, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.1, 0.0,
                0.25, 0.35, 0.45, 0.6, 0.35, 0.42, 0.47, 0.42, 0.35,
                0.0, 0.1, 0.1, 0.05, 0.1, 0.1, 0.05, 0.1, 0.1, 0.0, 0.1, 0.1,
                0.3, 0.38, 0.42, 0.45, 0.42, 0.38, 0.3, 0.38, 0.42, 0.43, 0.42, 0.38,
                0.3, 0.38, 0.4, 0.38, 0.3, 0.36, 0.38, 0.36,
            }, 0.34),
            new Anchors(0.2, 0.5, 1.2, 1.3, 0.1, 0.3, -0.6, 1.1, 0.7, 1.4, 0.5),
            0.05, 0.75, 2);

    /**
     * The mouth: how an opening or closing is shared between the lips and the jaw.
     *
     * @param upperShare       share of a change in the inner-lip gap taken by the upper lip; the lower lip and
     *                         the jaw carry the rest
     * @param minimumGap       the smallest inner-lip gap a closing mouth is given (iod), so no two control
     *                         points meet
     * @param bandAbove        height (iod) of the lip and skin above the mouth that stretch down over a
     *                         closing gap
     * @param bandBelow        height (iod) of the lip and skin below the mouth that stretch up over it
     * @param upperOuterFollow how much of the upper lip's travel each point of its outer edge takes
     *                         (landmarks 49–53); a pout pushes them up by the same shares
     * @param lowerOuterFollow the same for the lower lip's outer edge (landmarks 55–59)
     * @param cornerDrop       the share of the lower lip's travel the mouth corners (outer and inner) take
     * @param jawFollow        the share of the lower lip's travel each point of the lower jaw takes
     *                         (landmarks 4–12)
     * @param pout             how far (iod) the outer lips push out from the mouth, each lip, at a full
     *                         pucker (spread −1)
     */
    record Mouth(double upperShare, double minimumGap, double bandAbove, double bandBelow, double[] upperOuterFollow,
                 double[] lowerOuterFollow, double cornerDrop, double[] jawFollow, double pout) {
        Mouth {
            upperOuterFollow = copy(upperOuterFollow, Landmarks.UPPER_OUTER_LIP.size(), "upperOuterFollow");
            lowerOuterFollow = copy(lowerOuterFollow, Landmarks.LOWER_OUTER_LIP.size(), "lowerOuterFollow");
            jawFollow = copy(jawFollow, Landmarks.LOWER_JAW.size(), "jawFollow");
        }
    }

    /**
     * Where the articulation may move the image: a band down the face, across the jaw.
     *
     * @param from       how far below the eyes (iod) the articulation starts
     * @param full       how far below the eyes (iod) it reaches its full strength
     * @param chinMargin how far (iod) below the chin it stays full
     * @param jawMargin  how far (iod) beside the jaw's sides, at the mouth corners' height, it stays full
     * @param fade       the distance (iod) over which it fades out below the chin and beside the jaw
     */
    record Reach(double from, double full, double chinMargin, double jawMargin, double fade) {
    }

    /**
     * A mouth-corner raise (a smile; negative lowers the corners), and the photo's own smile.
     *
     * @param corner             share of the raise the outer mouth corners take (landmarks 48, 54)
     * @param innerCorner        share the inner corners take (60, 64)
     * @param innerMidpoint      share the inner-lip midpoints between each inner corner and its
     *                           neighbour take ({@link ControlPoints#UPPER_LEFT_MIDPOINT} and the others)
     * @param besideCorner       share the outer-edge points beside the corners take (49, 53, 55, 59)
     * @param besideInnerCorner  share the inner-edge points beside the inner corners take (61, 63, 65, 67)
     * @param secondFromCorner   share the outer-edge points next in take (50, 52, 56, 58)
     * @param neutralCornerRaise how far (iod) above the middle of the closed lip line the corners of a
     *                           relaxed mouth sit at most, the lips' own curve (measured: 0.054 on Grace
     *                           Hopper's neutral mouth, 0.148 on the astronaut's smile); a photo whose
     *                           corners sit higher is smiling, and normalization lowers them by the excess
     * @param maxNormalization   the most (iod) normalization lowers a photo's mouth corners
     */
    record Smile(double corner, double innerCorner, double innerMidpoint, double besideCorner, double besideInnerCorner,
                 double secondFromCorner, double neutralCornerRaise, double maxNormalization) {
    }

    /**
     * The eyelids.
     *
     * @param shutGap       the share of the photo's eye opening left at full closure
     * @param upperShare    the upper lid's share of a closing; the lower lid rises the rest
     * @param bandAbove     the most (iod) of lid skin that unrolls down over a closing eye
     * @param bandBrowShare the share of the distance from the lid to the brow that may unroll, so the
     *                      band stops short of the brow
     * @param bandMin       the least (iod) of lid skin that unrolls, however close the brow
     * @param bandBelow     height (iod) of the skin below the eye that stretches up over it
     */
    record Lids(double shutGap, double upperShare, double bandAbove, double bandBrowShare, double bandMin,
                double bandBelow) {
    }

    /**
     * The brows.
     *
     * @param raiseProfile the share of a brow raise each brow point takes, outer end to inner end
     *                     (landmarks 17–21, mirrored for 26–22)
     * @param knitProfile  the share of a knit, towards the other brow, each of the three inner points
     *                     of a brow takes, outermost first (19–21, mirrored for 24–22)
     * @param knitDrop     how far down a knitting brow point moves for each unit it moves inwards
     */
    record Brows(double[] raiseProfile, double[] knitProfile, double knitDrop) {
        Brows {
            raiseProfile = copy(raiseProfile, Landmarks.LEFT_BROW.size(), "raiseProfile");
            knitProfile = copy(knitProfile, 3, "knitProfile");
        }
    }

    /**
     * The head: the region that moves with it and the depths it turns about.
     *
     * @param centreRaise      how far (iod) above the eyes' midpoint the head region is centred
     * @param radiusU          the head region's half-width (iod) along the eye line
     * @param radiusV          its half-height (iod) down the face, from the top of the hair to below an open
     *                         jaw
     * @param fadeTo           where the head's motion has faded out, in radii
     * @param axisDepth        depth (iod) of the head's turning axis in front of the face plane (negative:
     *                         behind it)
     * @param landmarkDepth    depth (iod) of each landmark in front of the face plane, a generic adult head,
     *                         in iBUG order
     * @param lipMidpointDepth depth (iod) of the inner-lip midpoints
     */
    record Head(double centreRaise, double radiusU, double radiusV, double fadeTo, double axisDepth,
                double[] landmarkDepth, double lipMidpointDepth) {
        Head {
            landmarkDepth = copy(landmarkDepth, Landmarks.COUNT, "landmarkDepth");
        }
    }

    /**
     * The control points beyond the face: on the forehead and hair and at the temples they move with
     * the head; on the neck and shoulders they hold the body still.
     *
     * @param borderMargin     a point carried by the head is left out when it would lie this close (iod) to
     *                         the crop's border, which stays fixed
     * @param foreheadHeight   height (iod) above the brows of the forehead points (over 17, 19, between the
     *                         brows, 24 and 26)
     * @param hairHeight       height (iod) above the brows of the hair points over 19 and 24
     * @param hairCentreHeight height (iod) above the brows of the hair point between them
     * @param crownDepth       depth (iod) of the forehead and hair points
     * @param templeOffset     how far (iod) out and up from the jaw's ends the temple points sit
     * @param templeDepth      depth (iod) of the temple points
     * @param neckDrop         how far (iod) below the chin the neck points sit
     * @param neckSpacing      the spacing (iod) of the three neck points along the eye line
     * @param shoulderDrop     how far (iod) below the lower jaw's ends (landmarks 4, 12) the shoulder points sit
     * @param shoulderSpread   how far (iod) out from there
     */
    record Anchors(double borderMargin, double foreheadHeight, double hairHeight, double hairCentreHeight,
                   double crownDepth, double templeOffset, double templeDepth, double neckDrop, double neckSpacing,
                   double shoulderDrop, double shoulderSpread) {
    }

    private static double[] copy(double[] values, int length, String name) {
        if (values.length != length) {
            throw new IllegalArgumentException(name + " needs " + length + " values, got " + values.length);
        }
        return values.clone();
    }
}
