package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

class MouthMotionTest {
    private final double[] shape = new double[2];

    private double openAt(MouthMotion motion, double t) {
        motion.at(t, Double.NaN, shape);
        return shape[0];
    }

    @Test
    void easesIntoAVowelSlightlyAheadOfTheSound() {
        // REST until 1 s, then AA.
        MouthMotion motion = new MouthMotion(new VisemeTrack(2, 22050, "test", List.of(
                new VisemeSegment(Viseme.REST, 0, 1, "_"), new VisemeSegment(Viseme.AA, 1, 2, "a"))));
        double full = MouthMotion.opening(Viseme.AA);
        assertEquals(0, openAt(motion, 0.5), 1e-12);
        assertEquals(full, openAt(motion, 1.5), 1e-12);
        // Half open a little before the sound starts: the lips lead.
        assertEquals(full / 2, openAt(motion, 1 - MouthMotion.LOOK_AHEAD), 0.1 * full);
        // No snapping: at 100 fps no step exceeds a fifth of the way, and the transition takes 60–130 ms.
        double previous = openAt(motion, 0.8);
        double start = Double.NaN;
        double end = Double.NaN;
        for (double t = 0.8; t < 1.2; t += 0.01) {
            double open = openAt(motion, t);
            assertTrue(open - previous <= full / 5, "jump at " + t);
            assertTrue(open >= previous - 1e-12, "not monotone at " + t);
            if (Double.isNaN(start) && open > 0.1 * full) {
                start = t;
            }
            if (Double.isNaN(end) && open > 0.9 * full) {
                end = t;
            }
            previous = open;
        }
        assertTrue(end - start >= 0.05 && end - start <= 0.13, "10–90 % rise took " + (end - start) + " s");
    }

    @Test
    void aShortLipClosureBetweenVowelsStillClosesTheLips() {
        // "a-p-a": a 50 ms /p/ between two open vowels.
        MouthMotion motion = new MouthMotion(new VisemeTrack(1, 22050, "test", List.of(
                new VisemeSegment(Viseme.AA, 0, 0.5, "a"), new VisemeSegment(Viseme.PBM, 0.5, 0.55, "p"),
                new VisemeSegment(Viseme.AA, 0.55, 1, "a"))));
        double least = Double.MAX_VALUE;
        for (double t = 0.4; t < 0.65; t += 0.005) {
            least = Math.min(least, openAt(motion, t));
        }
        assertTrue(least < 0.2 * MouthMotion.opening(Viseme.AA), "lips only closed to " + least);
    }

    @Test
    void visemeShapesOrderAsSpoken() {
        assertEquals(0, MouthMotion.opening(Viseme.REST));
        assertEquals(0, MouthMotion.opening(Viseme.PBM));
        assertTrue(MouthMotion.opening(Viseme.AA) > MouthMotion.opening(Viseme.EH));
        assertTrue(MouthMotion.opening(Viseme.EH) > MouthMotion.opening(Viseme.EE));
        assertTrue(MouthMotion.spread(Viseme.EE) > 0, "EE spreads the lips");
        assertTrue(MouthMotion.spread(Viseme.UW) < MouthMotion.spread(Viseme.OH), "UW puckers most");
        assertTrue(MouthMotion.opening(Viseme.FV) > 0 && MouthMotion.opening(Viseme.FV) < 0.1);
    }
}
