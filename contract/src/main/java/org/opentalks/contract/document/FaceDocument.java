package org.opentalks.contract.document;

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

    public FaceDocument {
        landmarks = List.copyOf(landmarks);
        if (landmarks.size() != LANDMARK_COUNT) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + landmarks.size());
        }
    }
}
