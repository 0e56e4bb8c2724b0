package org.opentalks.contract.api;

import java.util.List;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.FaceDocument;

/**
 * The talk object's {@code face}: the face that was animated, in D-ID's response form (which differs
 * from the request's: {@code detection} is an array {@code [x1, y1, x2, y2]}, {@code overlap} is lower case).
 *
 * @param size    side of the square crop that became the video, in source pixels
 * @param topLeft the crop's top-left corner in source pixels (may be negative)
 */
public record TalkFace(double maskConfidence, List<Integer> detection, String overlap, int size,
                       List<Integer> topLeft, int faceId, double detectConfidence) {

    public static TalkFace of(FaceDocument face) {
        Box b = face.box();
        Box crop = face.crop();
        return new TalkFace(-1,
                List.of((int) Math.round(b.x()), (int) Math.round(b.y()),
                        (int) Math.round(b.x() + b.width()), (int) Math.round(b.y() + b.height())),
                face.numFaces() > 1 ? "unknown" : "no", (int) Math.round(crop.width()),
                List.of((int) Math.round(crop.x()), (int) Math.round(crop.y())), 0,
                Math.round(face.score() * 10_000) / 10_000.0);
    }
}
