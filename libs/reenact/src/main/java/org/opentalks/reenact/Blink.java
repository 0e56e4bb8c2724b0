package org.opentalks.reenact;

import java.util.List;
import org.opentalks.contract.document.DriverTrack;

/**
 * Eyelid closure over a blink: 180 ms, closing in the first 35 %, shut for the next 20 % (36 ms, so
 * that the frame nearest the middle of every blink at 25 fps shows the eye closed) and reopening,
 * more slowly, in the remaining 45 % (spontaneous blinks close faster than they open).
 */
final class Blink {
    static final double DURATION = DriverTrack.BLINK_SECONDS;
    static final double CLOSING_FRACTION = 0.35;
    static final double SHUT_FRACTION = 0.2;

    private Blink() {
    }

    /** Closure in [0, 1] (1 = lids shut) at time {@code t} for blinks starting at {@code starts}. */
    static double closure(List<Double> starts, double t) {
        double closure = 0;
        for (int i = 0, n = starts.size(); i < n; i++) {
            double phase = (t - starts.get(i)) / DURATION;
            if (phase > 0 && phase < 1) {
                double opening = CLOSING_FRACTION + SHUT_FRACTION;
                double c = phase < CLOSING_FRACTION ? smoothstep(phase / CLOSING_FRACTION)
                        : phase < opening ? 1
                        : 1 - smoothstep((phase - opening) / (1 - opening));
                closure = Math.max(closure, c);
            }
        }
        return closure;
    }

    static double smoothstep(double x) {
        double c = x < 0 ? 0 : Math.min(x, 1);
        return c * c * (3 - 2 * c);
    }
}
