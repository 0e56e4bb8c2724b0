package org.opentalks.contract.event;

import java.util.List;

/** D-ID's {@code metadata} object of a finished talk. */
public record ResultMetadata(String driverUrl, boolean mouthOpen, int numFaces, int numFrames,
                             double processingFps, List<Integer> resolution, double sizeKib) {
}
