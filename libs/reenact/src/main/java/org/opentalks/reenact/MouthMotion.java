package org.opentalks.reenact;

import java.util.Objects;
import org.opentalks.contract.document.Viseme;
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
 * <p>The speech's loudness then scales the jaw: the same vowel opens wider when it is loud and
 * less when soft or trailing off ({@link #ENERGY_FLOOR}…{@code ENERGY_FLOOR + ENERGY_GAIN} times
 * the viseme's opening). Lip closures get a last word: the share of a narrow window around t
 * that is p/b/m closes the mouth by that share, so every p, b and m reaches closed lips however
 * short it is.
 */
final class MouthMotion {
    /** How far the mouth leads the audio (s). */
    static final double LOOK_AHEAD = 0.035;
    /** Half-width of the blending window (s): transitions take about 60–80 ms. */
    static final double HALF_WINDOW = 0.065;
    private static final int HALF_TAPS = 13;
    /** Jaw opening at silence-level and at full loudness, relative to the viseme's own. */
    static final double ENERGY_FLOOR = 0.45;
    static final double ENERGY_GAIN = 0.75;
    /** Half-width (s) of the window in which p/b/m force the lips shut. */
    static final double CLOSURE_HALF_WINDOW = 0.02;
    private static final int CLOSURE_TAPS = 2;

    private final VisemeTrack track;
    private final double[] weights = new double[2 * HALF_TAPS + 1];

    MouthMotion(VisemeTrack track) {
        this.track = Objects.requireNonNull(track, "visemes");
        for (int k = -HALF_TAPS; k <= HALF_TAPS; k++) {
            weights[k + HALF_TAPS] = 0.5 * (1 + Math.cos(Math.PI * k / (HALF_TAPS + 1)));
        }
    }

    /**
     * Writes {@code out[0]} = jaw opening (inter-ocular distances), {@code out[1]} = width change.
     *
     * @param energy the speech's loudness in [0, 1] at {@code t + LOOK_AHEAD}, or NaN when the talk
     *               has no audio envelope (the visemes' openings are used as they are)
     */
    void at(double t, double energy, double[] out) {
        double centre = t + LOOK_AHEAD;
        double step = HALF_WINDOW / HALF_TAPS;
        double sum = 0;
        double open = 0;
        double width = 0;
        for (int k = -HALF_TAPS; k <= HALF_TAPS; k++) {
            Viseme v = track.at(centre + k * step);
            double w = weights[k + HALF_TAPS] * dominance(v);
            sum += w;
            open += w * opening(v);
            width += w * spread(v);
        }
        int closed = 0;
        for (int k = -CLOSURE_TAPS; k <= CLOSURE_TAPS; k++) {
            if (track.at(centre + k * CLOSURE_HALF_WINDOW / CLOSURE_TAPS) == Viseme.PBM) {
                closed++;
            }
        }
        double loudness = Double.isNaN(energy) ? 1 : ENERGY_FLOOR + ENERGY_GAIN * energy;
        out[0] = open / sum * loudness * (1 - closed / (2.0 * CLOSURE_TAPS + 1));
        out[1] = width / sum;
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
