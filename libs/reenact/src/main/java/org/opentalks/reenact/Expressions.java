package org.opentalks.reenact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.opentalks.contract.event.TalkSpec.DriverExpressions;
import org.opentalks.contract.event.TalkSpec.Expression;

/**
 * D-ID's {@code driver_expressions} over the frames of a talk: each expression holds from its
 * {@code start_frame} until the next one starts, and the face eases from whatever it showed into
 * the new one over {@code transition_frames} (smoothstep; 0 switches at once). Before the first
 * entry the face is neutral.
 *
 * <p>An expression is a coherent pattern of small landmark moves, in inter-ocular distances, added
 * on top of speech and head motion ({@link FaceRig#target}): brows, eyelids, cheeks (the lower lids
 * pushed up) and mouth corners, plus a change to the jaw and lip spread that speech then
 * modulates.
 */
final class Expressions {
    /** Components of a pattern (the {@code double[]} layout used by {@link FaceRig}). */
    static final int CORNER_RAISE = 0;
    static final int BROW_RAISE = 1;
    static final int BROW_KNIT = 2;
    static final int UPPER_LID_RAISE = 3;
    static final int LOWER_LID_RAISE = 4;
    static final int SPREAD = 5;
    static final int OPEN_ADD = 6;
    static final int OPEN_SCALE = 7;
    static final int COMPONENTS = 8;

    /** The named expressions and their patterns at full intensity. */
    enum Kind {
        //          corner  brow    knit   upLid   lowLid  spread open+  open×
        NEUTRAL(0, 0, 0, 0, 0, 0, 0, 0),
        /** Mouth corners up and out, cheeks lifting the lower lids, brows a touch higher. */
        HAPPY(0.075, 0.015, 0, -0.005, 0.03, 0.10, 0.01, 0),
        /** Brows well up, eyes wide, jaw dropped a little, lips rounder. */
        SURPRISE(0.0, 0.10, -0.01, 0.035, -0.005, -0.08, 0.07, 0),
        /** Brows lowered and knitted, lids a little heavier, corners down, lips pressed. */
        SERIOUS(-0.03, -0.035, 0.03, -0.012, 0.008, -0.03, 0, -0.25);

        final double[] pattern;

        Kind(double... pattern) {
            this.pattern = pattern;
        }

        static Kind parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown expression '" + name
                        + "': use neutral, happy, surprise or serious", e);
            }
        }
    }

    private record Entry(int startFrame, double[] target) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final int transitionFrames;

    Expressions(DriverExpressions spec) {
        if (spec == null) {
            transitionFrames = 0;
            return;
        }
        transitionFrames = Math.max(0, spec.transitionFrames());
        List<Expression> sorted = new ArrayList<>(spec.expressions());
        sorted.sort(Comparator.comparingInt(Expression::startFrame));
        for (Expression e : sorted) {
            double intensity = Math.max(0, Math.min(1, e.intensity()));
            double[] target = new double[COMPONENTS];
            double[] pattern = Kind.parse(e.expression()).pattern;
            for (int c = 0; c < COMPONENTS; c++) {
                target[c] = intensity * pattern[c];
            }
            entries.add(new Entry(Math.max(0, e.startFrame()), target));
        }
    }

    /**
     * The pattern shown at every frame, {@code [frame][component]}; {@link #OPEN_SCALE} is stored
     * as a change, the factor being {@code 1 + value}.
     */
    double[][] perFrame(int frames) {
        double[][] out = new double[frames][COMPONENTS];
        double[] from = new double[COMPONENTS];
        double[] to = new double[COMPONENTS];
        int started = 0;
        int next = 0;
        for (int f = 0; f < frames; f++) {
            while (next < entries.size() && entries.get(next).startFrame() <= f) {
                // Ease from wherever the face is now, even mid-transition; an expression from frame 0
                // holds from the first frame.
                System.arraycopy(entries.get(next).target(), 0, to, 0, COMPONENTS);
                System.arraycopy(f > 0 ? out[f - 1] : to, 0, from, 0, COMPONENTS);
                started = entries.get(next).startFrame();
                next++;
            }
            double w = transitionFrames == 0 ? 1 : Blink.smoothstep((f - started + 1.0) / transitionFrames);
            for (int c = 0; c < COMPONENTS; c++) {
                out[f][c] = from[c] + (to[c] - from[c]) * w;
            }
        }
        return out;
    }
}
