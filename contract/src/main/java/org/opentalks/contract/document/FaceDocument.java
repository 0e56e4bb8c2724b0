package org.opentalks.contract.document;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * {@code face.json}: the face found in the source image, in source-image pixels.
 *
 * @param imageWidth  width of the decoded source image
 * @param imageHeight height of the decoded source image
 * @param box         the detector's face box
 * @param score       the detector's confidence in [0, 1]
 * @param landmarks   the 68 iBUG landmarks (0–16 jaw, 17–26 brows, 27–35 nose, 36–47 eyes,
 *                    48–59 outer lips, 60–67 inner lips)
 * @param crop        the square region that is animated and becomes the 512×512 video; it may
 *                    extend beyond the image, where the renderer replicates the border
 * @param numFaces    how many faces the detector found; the most confident one is animated
 */
public record FaceDocument(int imageWidth, int imageHeight, Box box, double score, List<Point> landmarks,
                           Box crop, int numFaces) {
    public static final int LANDMARK_COUNT = 68;
    /**
     * The inner-lip gap, as a share of the distance between the eye centres, from which the photo's
     * lips are apart; the animation engine takes photo teeth from the same opening.
     */
    public static final double MOUTH_OPEN_GAP = 0.03;

    public FaceDocument {
        landmarks = List.copyOf(landmarks);
        if (landmarks.size() != LANDMARK_COUNT) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + landmarks.size());
        }
    }

    /**
     * D-ID's {@code metadata.mouth_open}: whether the photo's lips are apart, measured between the
     * inner lips at the mouth's centre (landmarks 62 and 66) against the distance between the eye
     * centres (the means of 36–41 and 42–47).
     */
    @JsonIgnore
    public boolean mouthOpen() {
        Point right = Point.centroid(landmarks, 36, 42);
        Point left = Point.centroid(landmarks, 42, 48);
        double iod = Math.hypot(left.x() - right.x(), left.y() - right.y());
        Point upper = landmarks.get(62);
        Point lower = landmarks.get(66);
        double gap = Math.hypot(lower.x() - upper.x(), lower.y() - upper.y());
        return iod > 0 && lower.y() > upper.y() && gap >= MOUTH_OPEN_GAP * iod;
    }
}
