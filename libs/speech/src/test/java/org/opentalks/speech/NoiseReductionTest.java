package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

class NoiseReductionTest {

    static final String WITH_PAUSE = "<speak>We record our own voice at home. <break time=\"900ms\"/> "
            + "Then the noise should go, and the words should stay.</speak>";

    static EspeakSynthesizer tts;
    final NoiseReduction reduction = new NoiseReduction();

    @BeforeAll
    static void start() {
        tts = new EspeakSynthesizer();
    }

    @AfterAll
    static void stop() {
        tts.close();
    }

    @Test
    void whiteNoiseAt30DbBelowSpeechDropsInPausesWhileSpeechKeepsItsLevel() {
        Speech speech = tts.synthesize(WITH_PAUSE, "en-us", true);
        Pcm clean = TestSignals.at16k(speech);
        double speechDbfs = Loudness.activeRmsDbfs(clean);
        short[] noisy = TestSignals.plus(clean.samples(),
                TestSignals.whiteNoise(clean.samples().length, speechDbfs - 30, 7));
        Pcm out = reduction.reduce(new Pcm(noisy, 16_000));

        assertEquals(noisy.length, out.samples().length);
        assertEquals(16_000, out.sampleRate());
        // The middle of the longest pause espeak made, and the speech (the reference's non-REST spans).
        VisemeTrack reference = new VisemeMapper().track(speech);
        VisemeSegment pause = reference.segments().stream().filter(s -> s.viseme() == Viseme.REST)
                .max((a, b) -> Double.compare(a.end() - a.start(), b.end() - b.start())).orElseThrow();
        assertTrue(pause.end() - pause.start() > 0.8, "pause " + pause);
        int from = (int) ((pause.start() + 0.2) * 16_000);
        int to = (int) ((pause.end() - 0.2) * 16_000);
        double floorBefore = Loudness.rmsDbfs(noisy, from, to);
        double floorAfter = Loudness.rmsDbfs(out.samples(), from, to);
        double speechBefore = speechRms(noisy, reference);
        double speechAfter = speechRms(out.samples(), reference);
        System.out.printf("noise reduction: pause floor %.1f -> %.1f dBFS (%.1f dB lower); speech %.2f -> %.2f dBFS%n",
                floorBefore, floorAfter, floorBefore - floorAfter, speechBefore, speechAfter);
        assertTrue(floorBefore - floorAfter >= 6, "noise floor only " + (floorBefore - floorAfter) + " dB lower");
        assertTrue(Math.abs(speechAfter - speechBefore) < 2, "speech level moved " + (speechAfter - speechBefore));
        assertTrue(Math.abs(speechAfter - speechDbfs) < 2, "speech level off the clean one by "
                + (speechAfter - speechDbfs));
        assertEquals(0, fullScaleSamples(out.samples()), "clipped samples");
    }

    @Test
    void overshootIsScaledDownNotClipped() {
        // Half a second of full-scale 100 Hz square wave between silences: the zero-phase high-pass rings a few
        // per cent past full scale at every edge.
        short[] square = new short[16_000 * 2];
        for (int i = 8000; i < 16_000; i++) {
            square[i] = (short) ((i / 80) % 2 == 0 ? 32767 : -32767);
        }
        Pcm out = reduction.reduce(new Pcm(square, 16_000));
        assertEquals(square.length, out.samples().length);
        int peak = 0;
        for (short s : out.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertTrue(peak <= 32767 && peak > 30_000, "peak " + peak);
        // A clipped signal sits on the rails for many samples; a scaled one touches them at most at its peak.
        assertTrue(fullScaleSamples(out.samples()) <= 2, fullScaleSamples(out.samples()) + " samples at full scale");
    }

    @Test
    void dcOffsetAndHumAreRemoved() {
        Pcm clean = TestSignals.at16k(tts.synthesize(WITH_PAUSE, "en-us", true));
        double[] offset = new double[clean.samples().length];
        for (int i = 0; i < offset.length; i++) {
            offset[i] = 3000 + 1000 * Math.sin(2 * Math.PI * 50 * i / 16_000.0);
        }
        short[] in = TestSignals.plus(clean.samples(), offset);
        short[] out = reduction.reduce(new Pcm(in, 16_000)).samples();
        double mean = 0;
        for (short s : out) {
            mean += s;
        }
        mean /= out.length;
        double humBefore = TestSignals.amplitude(in, 16_000, 50);
        double humAfter = TestSignals.amplitude(out, 16_000, 50);
        System.out.printf("noise reduction: DC %.0f -> %.1f, 50 Hz hum %.0f -> %.1f (%.1f dB)%n",
                3000.0, mean, humBefore, humAfter, 20 * Math.log10(humBefore / humAfter));
        assertTrue(Math.abs(mean) < 20, "DC left: " + mean);
        assertTrue(humAfter < humBefore / 4, "hum " + humBefore + " -> " + humAfter);
    }

    @Test
    void cleanSpeechPassesNearlyUnchanged() {
        Pcm clean = TestSignals.at16k(tts.synthesize(WITH_PAUSE, "en-us", true));
        Pcm out = reduction.reduce(clean);
        double before = Loudness.activeRmsDbfs(clean);
        double after = Loudness.activeRmsDbfs(out);
        assertTrue(Math.abs(after - before) < 0.5, "level " + before + " -> " + after);
    }

    @Test
    void silenceAndEmptyInput() {
        assertArrayEquals(new short[4000], reduction.reduce(new Pcm(new short[4000], 16_000)).samples());
        assertEquals(0, reduction.reduce(new Pcm(new short[0], 16_000)).samples().length);
        short[] tiny = {100, -200, 300};
        assertEquals(3, reduction.reduce(new Pcm(tiny, 16_000)).samples().length);
    }

    @Test
    void speed() {
        Pcm pcm = TestSignals.at16k(tts.synthesize(WITH_PAUSE.repeat(1), "en-us", true));
        short[] noisy = TestSignals.plus(pcm.samples(), TestSignals.whiteNoise(pcm.samples().length, -50, 1));
        reduction.reduce(new Pcm(noisy, 16_000));
        long t0 = System.nanoTime();
        Pcm out = reduction.reduce(new Pcm(noisy, 16_000));
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf("noise reduction: %.1f s of 16 kHz audio in %.1f ms%n", pcm.durationSeconds(), elapsed * 1e3);
        assertEquals(noisy.length, out.samples().length);
    }

    static double speechRms(short[] samples, VisemeTrack reference) {
        double sum = 0;
        long n = 0;
        for (VisemeSegment s : reference.segments()) {
            if (s.viseme() != Viseme.REST) {
                for (int i = (int) (s.start() * 16_000); i < Math.min(samples.length, (int) (s.end() * 16_000)); i++) {
                    sum += (double) samples[i] * samples[i];
                    n++;
                }
            }
        }
        return 10 * Math.log10(sum / n / (32768.0 * 32768.0));
    }

    static int fullScaleSamples(short[] samples) {
        int count = 0;
        for (short s : samples) {
            count += s >= Short.MAX_VALUE || s <= -Short.MAX_VALUE ? 1 : 0;
        }
        return count;
    }
}
