package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PitchShifterTest {
    private static Speech speech;
    private static double f0;

    @BeforeAll
    static void speak() {
        speech = new EspeakSynthesizer().synthesize(
                "The quick brown fox jumps over the lazy dog, and then it runs away into the woods.", "en-us");
        f0 = Yin.medianF0(speech.samples(), speech.sampleRate());
    }

    @Test
    void sixSemitonesUpRaisesTheMedianF0ByTheSquareRootOfTwo() {
        assertShift(6);
    }

    @Test
    void sixSemitonesDownLowersItByAsMuch() {
        assertShift(-6);
    }

    @Test
    void smallShiftsAreHeardToo() {
        assertShift(2);
        assertShift(-3);
    }

    @Test
    void noShiftIsTheSameSpeech() {
        assertArrayEquals(speech.samples(), PitchShifter.shift(speech.samples(), speech.sampleRate(), 0));
        assertThrows(IllegalArgumentException.class, () -> PitchShifter.shift(speech.samples(), 22_050, 30));
    }

    private static void assertShift(double semitones) {
        short[] shifted = PitchShifter.shift(speech.samples(), speech.sampleRate(), semitones);
        assertEquals(speech.samples().length, shifted.length, "the length is kept to the sample");
        double expected = Math.pow(2, semitones / 12);
        double measured = Yin.medianF0(shifted, speech.sampleRate()) / f0;
        System.out.printf("pitch shift %+.0f st: median f0 %.1f -> %.1f Hz, ratio %.3f (expected %.3f)%n",
                semitones, f0, f0 * measured, measured, expected);
        assertEquals(expected, measured, 0.10 * expected, "median f0 ratio");
        // Loudness stays: RMS within 2 dB.
        assertEquals(rmsDb(speech.samples()), rmsDb(shifted), 2.0, "RMS level");
    }

    private static double rmsDb(short[] x) {
        double sum = 0;
        for (short s : x) {
            sum += (double) s * s;
        }
        return 10 * Math.log10(sum / x.length);
    }
}
