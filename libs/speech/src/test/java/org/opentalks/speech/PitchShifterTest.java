package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PitchShifterTest {

    @Test
    void theTestsEstimatorReadsAKnownF0() {
        for (double f0 : new double[] {85, 120, 210, 330}) {
            assertEquals(f0, F0.median(F0.harmonics(f0, 22_050, 1.0), 22_050), 0.01 * f0, "f0 " + f0);
        }
    }

    @Test
    void shiftsTheF0BySemitonesAndKeepsTheLength() {
        short[] tone = F0.harmonics(120, 16_000, 1.5);
        for (double st : new double[] {6, -6, 12, 3}) {
            short[] shifted = PitchShifter.shiftSemitones(tone, 16_000, st);
            assertEquals(tone.length, shifted.length);
            double expected = 120 * Math.pow(2, st / 12);
            assertEquals(expected, F0.median(shifted, 16_000), 0.03 * expected, st + " st");
        }
    }

    @Test
    void keepsTheLevel() {
        short[] tone = F0.harmonics(150, 16_000, 1.0);
        short[] up = PitchShifter.shiftSemitones(tone, 16_000, 6);
        assertEquals(rms(tone), rms(up), 0.25 * rms(tone));
    }

    @Test
    void noShiftIsTheInput() {
        short[] tone = F0.harmonics(150, 16_000, 0.2);
        assertSame(tone, PitchShifter.shiftSemitones(tone, 16_000, 0));
        assertThrows(IllegalArgumentException.class, () -> PitchShifter.shift(tone, 16_000, 5));
    }

    private static double rms(short[] s) {
        double sum = 0;
        for (int i = s.length / 4; i < 3 * s.length / 4; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / (s.length / 2.0));
    }
}
