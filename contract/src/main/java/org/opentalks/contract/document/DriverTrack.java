package org.opentalks.contract.document;

import java.util.List;

/**
 * {@code driver.json}: the motion that drives the face, one pose per output frame, the times
 * (seconds) at which blinks start, and the brows' motion.
 *
 * @param driverUrl the driver that produced it, e.g. {@code bank://lively/driver-03/flipped}
 * @param brows     brow raise per frame, in inter-ocular distances (positive raises, negative
 *                  knits); empty or shorter than {@code poses} means still brows from there on
 */
public record DriverTrack(String driverUrl, double fps, List<HeadPose> poses, List<Double> blinkStarts,
                          List<Double> brows) {
    /**
     * How long one blink lasts (s): the renderer closes and reopens the lids over this time from
     * each start, and a driver emits only blinks that finish inside the talk.
     */
    public static final double BLINK_SECONDS = 0.18;

    public DriverTrack {
        poses = List.copyOf(poses);
        blinkStarts = List.copyOf(blinkStarts);
        brows = brows == null ? List.of() : List.copyOf(brows);
    }

    /** A track without brow motion. */
    public DriverTrack(String driverUrl, double fps, List<HeadPose> poses, List<Double> blinkStarts) {
        this(driverUrl, fps, poses, blinkStarts, List.of());
    }
}
