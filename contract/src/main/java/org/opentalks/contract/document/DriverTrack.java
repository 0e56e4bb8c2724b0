package org.opentalks.contract.document;

import java.util.List;

/**
 * {@code driver.json}: the motion that drives the face, one pose per output frame, plus the times
 * (seconds) at which blinks start.
 *
 * @param driverUrl the driver that produced it, e.g. {@code bank://idle/driver-01/original}
 */
public record DriverTrack(String driverUrl, double fps, List<HeadPose> poses, List<Double> blinkStarts) {
    public DriverTrack {
        poses = List.copyOf(poses);
        blinkStarts = List.copyOf(blinkStarts);
    }
}
