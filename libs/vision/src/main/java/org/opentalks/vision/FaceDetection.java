package org.opentalks.vision;

import java.util.List;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.Point;

/**
 * One face found by {@link BlazeFaceDetector}, in image pixels.
 *
 * @param box       the face box
 * @param keypoints six keypoints in BlazeFace order: {@link #LEFT_EYE}, {@link #RIGHT_EYE}, {@link #NOSE},
 *                  {@link #MOUTH}, {@link #LEFT_TRAGION}, {@link #RIGHT_TRAGION}; "left" means image-left, so the
 *                  subject's right eye
 * @param score     confidence in [0, 1]
 */
public record FaceDetection(Box box, List<Point> keypoints, double score) {
    public static final int LEFT_EYE = 0;
    public static final int RIGHT_EYE = 1;
    public static final int NOSE = 2;
    public static final int MOUTH = 3;
    public static final int LEFT_TRAGION = 4;
    public static final int RIGHT_TRAGION = 5;
    public static final int KEYPOINT_COUNT = 6;

    public FaceDetection {
        keypoints = List.copyOf(keypoints);
        if (keypoints.size() != KEYPOINT_COUNT) {
            throw new IllegalArgumentException("expected 6 keypoints, got " + keypoints.size());
        }
    }
}
