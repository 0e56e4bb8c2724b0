package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.HeadPose;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.TalkSpec.DriverExpressions;
import org.opentalks.contract.event.TalkSpec.Expression;

/** The expression timeline, the loudness envelope, lip closures and the motion settings. */
class ExpressionsAndSettingsTest {
    private static final int BROW = Expressions.BROW_RAISE;

    @Test
    void expressionFromFrameZeroHoldsFromTheFirstFrame() {
        double[][] f = new Expressions(new DriverExpressions(List.of(new Expression(0, "surprise", 0.5)), 10))
                .perFrame(5);
        for (double[] frame : f) {
            assertEquals(0.5 * Expressions.Kind.SURPRISE.pattern[BROW], frame[BROW], 1e-12);
        }
    }

    @Test
    void laterExpressionsEaseOverTheTransitionAndHoldUntilTheNext() {
        double[][] f = new Expressions(new DriverExpressions(List.of(new Expression(10, "happy", 1),
                new Expression(30, "serious", 1)), 8)).perFrame(50);
        double happy = Expressions.Kind.HAPPY.pattern[Expressions.CORNER_RAISE];
        double serious = Expressions.Kind.SERIOUS.pattern[Expressions.CORNER_RAISE];
        assertEquals(0, f[9][Expressions.CORNER_RAISE], "neutral before the first entry");
        double previous = 0;
        for (int i = 10; i < 18; i++) {
            double v = f[i][Expressions.CORNER_RAISE];
            assertTrue(v > previous && v <= happy + 1e-12, "easing in at frame " + i + ": " + v);
            previous = v;
        }
        assertEquals(happy, f[17][Expressions.CORNER_RAISE], 1e-12, "complete after transition_frames");
        assertEquals(happy, f[29][Expressions.CORNER_RAISE], 1e-12, "held until the next one");
        assertEquals(serious, f[49][Expressions.CORNER_RAISE], 1e-12);
        assertTrue(f[31][Expressions.CORNER_RAISE] < happy && f[31][Expressions.CORNER_RAISE] > serious);
    }

    @Test
    void unknownExpressionIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Expressions(new DriverExpressions(List.of(new Expression(0, "angry", 1)), 0)));
    }

    @Test
    void loudnessEnvelopeIsZeroInSilenceAndOneOnTheLoudPart() {
        int rate = 16000;
        short[] pcm = new short[rate * 2];
        for (int i = rate; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / rate));
        }
        float[] e = SpeechEnergy.envelope(pcm, rate, 25, 60);
        assertEquals(0, e[10], 1e-6, "silence");
        assertEquals(1, e[40], 0.01, "the loud half");
        assertEquals(0, e[59], 1e-6, "past the audio");
    }

    @Test
    void everyShortClosureShutsTheFrameNearestItsMiddle() {
        // A 30 ms /p/ between two vowels, placed at every phase relative to the 25 fps frames.
        for (int shift = 0; shift < 40; shift += 5) {
            double start = 1.0 + shift / 1000.0;
            VisemeTrack track = new VisemeTrack(2, 16000, "test", List.of(
                    new VisemeSegment(Viseme.AA, 0, start, "a"),
                    new VisemeSegment(Viseme.PBM, start, start + 0.03, "p"),
                    new VisemeSegment(Viseme.AA, start + 0.03, 2, "a")));
            MouthMotion mouth = new MouthMotion(track);
            long nearest = Math.round((start + 0.015) * 25);
            assertEquals(1, mouth.closure(nearest / 25.0), 1e-12, "p at " + start);
            assertEquals(0, mouth.closure(start - 0.1), 1e-12, "open well before it");
        }
    }

    @Test
    void openingNeverChangesFasterThanTheLipsCanMove() {
        VisemeTrack track = new VisemeTrack(2, 16000, "test", List.of(
                new VisemeSegment(Viseme.AA, 0, 1, "a"),
                new VisemeSegment(Viseme.PBM, 1, 1.03, "p"),
                new VisemeSegment(Viseme.AA, 1.03, 2, "a")));
        double[][] a = TalkAnimator.articulations(new MouthMotion(track), null, 25, 50);
        for (int i = 1; i < 50; i++) {
            assertTrue(Math.abs(a[i][0] - a[i - 1][0]) <= TalkAnimator.MAX_OPENING_SPEED / 25 + 1e-12, "frame " + i);
        }
        assertEquals(0, a[25][0], 1e-12, "shut on the p");
    }

    @Test
    void motionFactorScalesThePoseAndFluentStartsAndEndsAtRest() {
        HeadPose pose = new HeadPose(2, -1, 0.5, 0.01, -0.02, 1.01);
        assertEquals(HeadPose.REST, TalkAnimator.scaled(pose, 0));
        HeadPose half = TalkAnimator.scaled(pose, 0.5);
        assertEquals(1, half.yaw(), 1e-12);
        assertEquals(1.005, half.scale(), 1e-12);
        assertEquals(0, TalkAnimator.fluentEnvelope(0, 4), 1e-12);
        assertEquals(0, TalkAnimator.fluentEnvelope(4, 4), 1e-12);
        assertEquals(1, TalkAnimator.fluentEnvelope(2, 4), 1e-12);
    }
}
