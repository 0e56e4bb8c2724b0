package org.opentalks.reenact;

import java.util.List;
import org.opentalks.contract.document.Point;

/**
 * The 68 facial landmarks of the iBUG 300-W annotation (Sagonas et al. 2013, "300 Faces in-the-Wild
 * Challenge"), numbered from 0 as dlib's shape predictor gives them: the groups and the single points
 * the rig moves. Left and right are as seen in the image, so {@link #LEFT_EYE} is the subject's
 * right eye; each contour runs from image left to image right.
 */
final class Landmarks {
    static final int COUNT = 68;

    /** Consecutive landmark numbers, {@code first} to {@code last} inclusive. */
    record Group(int first, int last) {
        int size() {
            return last - first + 1;
        }

        /** The k-th landmark of the group. */
        int at(int k) {
            return first + k;
        }
    }

    /** The jaw line, from beside the left ear round the chin to beside the right ear. */
    static final Group JAW = new Group(0, 16);
    /** The brows, each from image left to image right. */
    static final Group LEFT_BROW = new Group(17, 21);
    static final Group RIGHT_BROW = new Group(22, 26);
    /** The bridge of the nose (27–30), then the nostrils' lower edge (31–35). */
    static final Group NOSE = new Group(27, 35);
    /** The eyes, clockwise from the left corner: upper lid, right corner, lower lid. */
    static final Group LEFT_EYE = new Group(36, 41);
    static final Group RIGHT_EYE = new Group(42, 47);
    /** The lips' outer edge, clockwise from the left corner: upper lip 48–54, lower lip 54–59. */
    static final Group OUTER_LIPS = new Group(48, 59);
    /** The lips' inner edge, clockwise from the left corner: upper lip 60–64, lower lip 64–67. */
    static final Group INNER_LIPS = new Group(60, 67);

    static final int LEFT_JAW_END = JAW.first();
    static final int RIGHT_JAW_END = JAW.last();
    static final int CHIN = 8;
    /** The jaw below the mouth corners' height, which drops with the mouth. */
    static final Group LOWER_JAW = new Group(4, 12);

    static final int LEFT_BROW_OUTER_END = LEFT_BROW.first();
    static final int LEFT_BROW_MIDDLE = 19;
    static final int LEFT_BROW_INNER_END = LEFT_BROW.last();
    static final int RIGHT_BROW_INNER_END = RIGHT_BROW.first();
    static final int RIGHT_BROW_MIDDLE = 24;
    static final int RIGHT_BROW_OUTER_END = RIGHT_BROW.last();
    /** Each brow from its outer end to its inner end above the nose. */
    static final int[] LEFT_BROW_INWARDS = {17, 18, 19, 20, 21};
    static final int[] RIGHT_BROW_INWARDS = {26, 25, 24, 23, 22};

    static final int LEFT_MOUTH_CORNER = OUTER_LIPS.first();
    static final int RIGHT_MOUTH_CORNER = 54;
    /** The outer edge of each lip between the corners, upper 49–53 and lower 55–59 (right to left). */
    static final Group UPPER_OUTER_LIP = new Group(49, 53);
    static final Group LOWER_OUTER_LIP = new Group(55, 59);
    /** Where the inner lip contours meet at the corners of the mouth's opening. */
    static final int LEFT_INNER_CORNER = INNER_LIPS.first();
    static final int RIGHT_INNER_CORNER = 64;
    /** The inner edge of each lip between the corners, upper 61–63 and lower 65–67 (right to left). */
    static final Group UPPER_INNER_LIP = new Group(61, 63);
    static final Group LOWER_INNER_LIP = new Group(65, 67);
    /** The middle of each lip's inner edge: the mouth's opening is measured between them. */
    static final int UPPER_LIP_CENTRE = 62;
    static final int LOWER_LIP_CENTRE = 66;
    /** The inner lips as two contours from the left corner to the right: the mouth's gap. */
    static final int[] INNER_LIP_TOP = {60, 61, 62, 63, 64};
    static final int[] INNER_LIP_BOTTOM = {60, 67, 66, 65, 64};

    /**
     * One eye's lids and the brow above them.
     *
     * @param top       the upper lid's contour from corner to corner
     * @param bottom    the lower lid's contour from corner to corner
     * @param upperLid  the upper lid between the corners
     * @param lowerLid  the lower lid between the corners
     * @param browAbove the brow points above {@code upperLid}
     */
    record EyeLids(int[] top, int[] bottom, int[] upperLid, int[] lowerLid, int[] browAbove) {
    }

    static final EyeLids LEFT_LIDS = new EyeLids(new int[] {36, 37, 38, 39}, new int[] {36, 41, 40, 39},
            new int[] {37, 38}, new int[] {40, 41}, new int[] {19, 20});
    static final EyeLids RIGHT_LIDS = new EyeLids(new int[] {42, 43, 44, 45}, new int[] {42, 47, 46, 45},
            new int[] {43, 44}, new int[] {46, 47}, new int[] {23, 24});

    private Landmarks() {
    }

    /** The landmarks as an interleaved array x0, y0, x1, y1, …, checking that there are 68. */
    static double[] interleaved(List<Point> landmarks) {
        if (landmarks.size() != COUNT) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + landmarks.size());
        }
        double[] p = new double[2 * COUNT];
        for (int i = 0; i < COUNT; i++) {
            p[2 * i] = landmarks.get(i).x();
            p[2 * i + 1] = landmarks.get(i).y();
        }
        return p;
    }
}
