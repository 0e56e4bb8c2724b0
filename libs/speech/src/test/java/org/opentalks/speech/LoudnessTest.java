package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoudnessTest {

    static EspeakSynthesizer tts;
    static Pcm speech;
    final Loudness loudness = new Loudness();

    @BeforeAll
    static void start() {
        tts = new EspeakSynthesizer();
        speech = TestSignals.at16k(tts.synthesize("A quiet recording of someone talking into a laptop.", "en-us"));
    }

    @AfterAll
    static void stop() {
        tts.close();
    }

    static Pcm scaled(Pcm pcm, double db) {
        double gain = Math.pow(10, db / 20);
        short[] out = new short[pcm.samples().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = TestSignals.clamp(pcm.samples()[i] * gain);
        }
        return new Pcm(out, pcm.sampleRate());
    }

    @Test
    void quietSpeechIsRaisedToTheTarget() {
        Pcm quiet = scaled(speech, -35 - Loudness.activeRmsDbfs(speech));
        assertEquals(-35, Loudness.activeRmsDbfs(quiet), 0.1);
        Pcm out = loudness.normalize(quiet);
        assertEquals(quiet.samples().length, out.samples().length);
        System.out.printf("loudness: active %.1f -> %.1f dBFS, peak %.1f -> %.1f dBFS%n", Loudness.activeRmsDbfs(quiet),
                Loudness.activeRmsDbfs(out), Loudness.peakDbfs(quiet), Loudness.peakDbfs(out));
        assertEquals(-20, Loudness.activeRmsDbfs(out), 0.2);
        assertTrue(Loudness.peakDbfs(out) <= -1 + 1e-3, "peak " + Loudness.peakDbfs(out));
    }

    @Test
    void peaksStopTheGainBelowTheCeiling() {
        // One click at −3 dBFS in quiet speech: the gain stops when the click reaches −1 dBFS.
        short[] samples = scaled(speech, -40 - Loudness.activeRmsDbfs(speech)).samples();
        samples[samples.length / 2] = (short) (32768 * Math.pow(10, -3 / 20.0));
        Pcm out = loudness.normalize(new Pcm(samples, 16_000));
        assertEquals(-1, Loudness.peakDbfs(out), 0.01);
        assertTrue(Loudness.activeRmsDbfs(out) < -30, "active " + Loudness.activeRmsDbfs(out));
        assertEquals(2, loudness.gainDb(new Pcm(samples, 16_000)), 0.01);
    }

    @Test
    void pausesDoNotCountTowardsTheLevel() {
        short[] withPause = new short[speech.samples().length + 16_000 * 4];
        System.arraycopy(speech.samples(), 0, withPause, 0, speech.samples().length);
        Pcm padded = new Pcm(withPause, 16_000);
        assertEquals(Loudness.activeRmsDbfs(speech), Loudness.activeRmsDbfs(padded), 0.5);
        assertTrue(Loudness.rmsDbfs(padded) < Loudness.rmsDbfs(speech) - 3, "plain RMS should drop");
    }

    @Test
    void silenceAndHissAreNotBlownUp() {
        short[] zeros = new short[16_000];
        assertArrayEquals(zeros, loudness.normalize(new Pcm(zeros, 16_000)).samples());
        Pcm hiss = new Pcm(TestSignals.toShorts(TestSignals.whiteNoise(16_000, -65, 3)), 16_000);
        assertEquals(Loudness.MAX_GAIN_DB, loudness.gainDb(hiss), 1e-9);
        assertEquals(0, loudness.gainDb(new Pcm(new short[0], 16_000)));
    }

    @Test
    void levelsMustBeBelowFullScale() {
        assertThrows(IllegalArgumentException.class, () -> new Loudness(3, -1));
        assertThrows(IllegalArgumentException.class, () -> new Loudness(-20, 1));
        assertEquals(-3.01, Loudness.rmsDbfs(new Pcm(sine(32767), 16_000)), 0.01);
        assertEquals(0, Loudness.peakDbfs(new Pcm(new short[] {-32768}, 16_000)), 1e-9);
    }

    static short[] sine(double amplitude) {
        short[] out = new short[16_000];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 1000 * i / 16_000.0));
        }
        return out;
    }
}
