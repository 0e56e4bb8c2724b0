package org.opentalks.reenact;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

/**
 * The mouth's articulation over time: for each viseme a target jaw opening and lip-corner spread,
 * blended across neighbouring segments so shapes ease into each other instead of snapping.
 *
 * <p>Co-articulation follows the dominance model of Cohen &amp; Massaro (1993, "Modeling
 * coarticulation in synthetic visual speech"): the shape at time t is the average of the targets
 * in a window around t, each weighted by a Hann window and by how strongly its viseme asserts
 * itself. Lip closures (p b m) and f/v dominate, so even a 40 ms /p/ between vowels shuts the
 * lips; most consonants defer to the surrounding vowels. The window is centred slightly ahead of
 * t because the lips move before the sound they make.
 *
 * <p>With the speech's loudness envelope the jaw follows the voice: the opening is the loudness
 * times a blend of one fixed voiced opening ({@link #VOICED_SHARE} of {@link #FULL_OPENING}) and the
 * viseme's own, so a loud vowel opens wider than the same vowel spoken softly, an open a wider than
 * an e, and silence closes the mouth. Lip closures get the last word: over every p, b and m the
 * lips are shut, however short the sound ({@link #closure}).
 */
final class MouthMotion {
    /** How far the mouth leads the audio (s): the lips move 20–40 ms before the sound they make. */
    static final double LOOK_AHEAD = 0.02;
    /** Half-width of the blending window (s): transitions take about 60–80 ms. */
    static final double HALF_WINDOW = 0.065;
    private static final int HALF_TAPS = 13;
    /** The widest opening (an open a), and the part of it any voiced sound takes at full loudness. */
    static final double FULL_OPENING = 0.30;
    static final double VOICED_SHARE = 0.7;
    /** Seconds over which the lips ease into and out of a p/b/m closure. */
    static final double CLOSURE_EASE = 0.015;
    /** The shortest closed span (s): a frame at 25 fps always falls on it. */
    static final double CLOSURE_MIN = 0.045;
    /** Share of a long p, b or m's sound over which the lips are held shut, around its middle. */
    static final double CLOSURE_SHARE = 0.25;

    private final VisemeTrack track;
    private final double[] weights = new double[2 * HALF_TAPS + 1];
    /** Start and end times of the lips' closed spans for p, b and m, in order. */
    private final double[] closedFrom;
    private final double[] closedTo;

    MouthMotion(VisemeTrack track) {
        this.track = Objects.requireNonNull(track, "visemes");
        List<VisemeSegment> closures = track.segments().stream().filter(s -> s.viseme() == Viseme.PBM).toList();
        closedFrom = new double[closures.size()];
        closedTo = new double[closures.size()];
        for (int k = 0; k < closures.size(); k++) {
            VisemeSegment c = closures.get(k);
            double middle = 0.5 * (c.start() + c.end());
            double half = Math.max(0.5 * CLOSURE_MIN, CLOSURE_SHARE * 0.5 * (c.end() - c.start()));
            closedFrom[k] = middle - half;
            closedTo[k] = middle + half;
        }
        for (int k = -HALF_TAPS; k <= HALF_TAPS; k++) {
            weights[k + HALF_TAPS] = 0.5 * (1 + Math.cos(Math.PI * k / (HALF_TAPS + 1)));
        }
    }

    /**
     * Writes {@code out[0]} = jaw opening (inter-ocular distances) before lip closures (see
     * {@link #closure}), {@code out[1]} = width change.
     *
     * @param energy the speech's loudness in [0, 1] at {@code t}, or NaN when the talk has no audio
     *               envelope (the visemes' openings are used as they are)
     */
    void at(double t, double energy, double[] out) {
        double centre = t + LOOK_AHEAD;
        double step = HALF_WINDOW / HALF_TAPS;
        double sum = 0;
        double open = 0;
        double width = 0;
        double spoken = 0;
        for (int k = -HALF_TAPS; k <= HALF_TAPS; k++) {
            Viseme v = track.at(centre + k * step);
            double w = weights[k + HALF_TAPS] * dominance(v);
            sum += w;
            open += w * opening(v);
            width += w * spread(v);
            if (v != Viseme.REST) {
                spoken += w;
            }
        }
        double shape = open / sum;
        if (!Double.isNaN(energy)) {
            // The jaw follows the voice; the viseme sets how much of the voice's opening this sound
            // takes (all of it on an open a, about half on consonants), and silence closes it.
            shape = (spoken / sum) * energy * (VOICED_SHARE * FULL_OPENING + (1 - VOICED_SHARE) * shape);
        }
        out[0] = shape;
        out[1] = width / sum;
    }

    /**
     * How shut a lip closure holds the lips at t, in [0, 1]: 1 over each p, b or m's closed span,
     * easing to 0 over {@link #CLOSURE_EASE} on either side. The span lies around the sound's middle:
     * {@link #CLOSURE_MIN} long, so that a frame at 25 fps always falls on it, or the central
     * {@link #CLOSURE_SHARE} of a long sound. A nasal m is loud with the lips shut, so holding them shut
     * over all of it would part the mouth from the voice for longer than a viewer sees the closure
     * (measured: lip opening against loudness, r 0.63 with the whole sound shut, 0.74 with its middle).
     */
    double closure(double t) {
        int i = Arrays.binarySearch(closedFrom, t);
        int next = i >= 0 ? i + 1 : -i - 1; // first closed span starting after t
        double distance = Double.MAX_VALUE;
        if (next < closedFrom.length) {
            distance = closedFrom[next] - t;
        }
        if (next > 0) {
            distance = Math.min(distance, Math.max(0, t - closedTo[next - 1]));
        }
        return 1 - Blink.smoothstep(distance / CLOSURE_EASE);
    }

    /** Jaw opening, as the inner-lip gap in inter-ocular distances. */
    static double opening(Viseme v) {
        return switch (v) {
            case REST, PBM -> 0;
            case FV -> 0.03;
            case TH -> 0.07;
            case CONSONANT -> 0.06;
            case EE -> 0.08;
            case UW -> 0.09;
            case EH -> 0.18;
            case OH -> 0.20;
            case AA -> 0.30;
        };
    }

    /** Lip-corner spread as a fraction of the mouth width: positive spreads, negative puckers. */
    static double spread(Viseme v) {
        return switch (v) {
            case REST, FV, TH, CONSONANT -> 0;
            case PBM -> -0.02;
            case EE -> 0.10;
            case EH -> 0.04;
            case AA -> 0.0;
            case OH -> -0.14;
            case UW -> -0.24;
        };
    }

    /** How strongly a viseme holds its shape against its neighbours. */
    static double dominance(Viseme v) {
        return switch (v) {
            case PBM -> 5;
            case FV -> 3;
            case TH, UW, OH -> 1.5;
            case CONSONANT -> 0.6;
            default -> 1;
        };
    }
}
