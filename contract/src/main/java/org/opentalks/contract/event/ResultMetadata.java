package org.opentalks.contract.event;

import java.util.List;

/**
 * D-ID's {@code metadata} object of a finished talk, plus {@code voice}: the local voice that spoke
 * (e.g. {@code espeak-ng:en-us}), since a D-ID voice id maps to the closest installed one.
 */
public record ResultMetadata(String driverUrl, boolean mouthOpen, int numFaces, int numFrames,
                             double processingFps, List<Integer> resolution, double sizeKib, String voice) {
}
