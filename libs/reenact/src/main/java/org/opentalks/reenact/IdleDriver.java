package org.opentalks.reenact;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.HeadPose;

/**
 * The built-in default driver: the slow, small head motion of someone sitting still while
 * talking, and blinks at natural, varied intervals. Each pose channel is a sum of three slow
 * sinusoids (periods 3–16 s) with random phases, so the motion never visibly repeats; its
 * amplitude bounds the channel. Deterministic for a seed ({@link Random} is specified exactly).
 */
public final class IdleDriver {
    public static final String DRIVER_URL = "bank://idle/driver-01/original";

    /** Channel bounds: degrees for yaw, pitch, roll; face widths for tx, ty; factor for scale. */
    static final double YAW_DEGREES = 2.5;
    static final double PITCH_DEGREES = 1.5;
    static final double ROLL_DEGREES = 1.2;
    static final double SHIFT_FACE_WIDTHS = 0.008;
    static final double SCALE_DEVIATION = 0.006;

    /** Blink spacing: about 15 blinks a minute at rest, fewer but never rarer than every 6 s. */
    static final double FIRST_BLINK = 0.8;
    static final double MIN_INTERVAL = 2.0;
    static final double MAX_INTERVAL = 6.0;

    private IdleDriver() {
    }

    /**
     * Generates {@code ceil(durationSeconds·fps)} poses (one per output frame) and the blink
     * start times, each blink starting early enough to finish inside the duration.
     */
    public static DriverTrack generate(double durationSeconds, double fps, long seed) {
        if (!(durationSeconds >= 0) || !(fps > 0)) {
            throw new IllegalArgumentException("bad duration " + durationSeconds + " or fps " + fps);
        }
        // Tolerance so that e.g. 0.1 s × 30 fps gives 3 frames, not 4 from rounding noise.
        int frames = (int) Math.ceil(durationSeconds * fps - 1e-9);
        Random random = new Random(seed);
        Channel yaw = new Channel(random, YAW_DEGREES);
        Channel pitch = new Channel(random, PITCH_DEGREES);
        Channel roll = new Channel(random, ROLL_DEGREES);
        Channel tx = new Channel(random, SHIFT_FACE_WIDTHS);
        Channel ty = new Channel(random, SHIFT_FACE_WIDTHS);
        Channel scale = new Channel(random, SCALE_DEVIATION);
        List<HeadPose> poses = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            double t = i / fps;
            poses.add(new HeadPose(yaw.at(t), pitch.at(t), roll.at(t), tx.at(t), ty.at(t), 1 + scale.at(t)));
        }
        List<Double> blinks = new ArrayList<>();
        double t = FIRST_BLINK + 0.5 * random.nextDouble();
        while (t + Blink.DURATION <= durationSeconds) {
            blinks.add(t);
            // Triangular on [2, 6] s: most gaps near 4 s, the extremes rare.
            t += MIN_INTERVAL + (MAX_INTERVAL - MIN_INTERVAL) * 0.5 * (random.nextDouble() + random.nextDouble());
        }
        return new DriverTrack(DRIVER_URL, fps, poses, blinks);
    }

    /** One pose channel: a bounded sum of three slow sinusoids. */
    private static final class Channel {
        private final double[] amplitude = new double[3];
        private final double[] omega = new double[3];
        private final double[] phase = new double[3];

        Channel(Random random, double bound) {
            double total = 0;
            for (int k = 0; k < 3; k++) {
                double period = 3 + 13 * random.nextDouble();
                omega[k] = 2 * Math.PI / period;
                phase[k] = 2 * Math.PI * random.nextDouble();
                amplitude[k] = 0.5 + random.nextDouble();
                total += amplitude[k];
            }
            for (int k = 0; k < 3; k++) {
                amplitude[k] *= bound / total;
            }
        }

        double at(double t) {
            double v = 0;
            for (int k = 0; k < 3; k++) {
                v += amplitude[k] * Math.sin(omega[k] * t + phase[k]);
            }
            return v;
        }
    }
}
