package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EspeakSynthesizerTest {

    static final String HELLO = "Hello world! This is a test of the talking head pipeline.";
    /**
     * espeak-ng 1.51 carries pitch-flutter state between calls, so times drift by up to about 1.2 % (measured over
     * 300 calls interleaved with other voices); allow 3 % plus 10 ms.
     */
    static double drift(double seconds) {
        return 0.03 * seconds + 0.01;
    }

    static EspeakSynthesizer tts;

    @BeforeAll
    static void start() {
        tts = new EspeakSynthesizer();
    }

    @AfterAll
    static void stop() {
        tts.close();
    }

    @Test
    void phonemeTimingsTileTheWholeAudio() {
        long t0 = System.nanoTime();
        Speech speech = tts.synthesize(HELLO, "en-us");
        double elapsed = (System.nanoTime() - t0) / 1e9;

        assertEquals(22_050, speech.sampleRate());
        double duration = speech.samples().length / 22_050.0;
        assertEquals(duration, speech.durationSeconds(), 1e-12);
        assertTrue(duration > 2 && duration < 8, "duration " + duration);
        List<PhonemeTiming> ph = speech.phonemes();
        assertEquals(0.0, ph.get(0).start());
        assertEquals(duration, ph.get(ph.size() - 1).end(), 0.001);
        for (int i = 0; i < ph.size(); i++) {
            assertTrue(ph.get(i).end() > ph.get(i).start(), "empty or reversed span " + ph.get(i));
            if (i > 0) {
                assertEquals(ph.get(i - 1).end(), ph.get(i).start(), 0.0, "gap or overlap before " + ph.get(i));
            }
        }
        System.out.printf("espeak-ng: %.2f s of speech in %.1f ms, real-time factor %.4f (one sentence)%n",
                duration, elapsed * 1e3, elapsed / duration);
    }

    @Test
    void sentenceBreakIsASilentPause() {
        Speech speech = tts.synthesize(HELLO, "en-us");
        List<String> names = names(speech);
        // "world" ends in d, "This" starts with D (ð): the pause must sit between them.
        int d = names.indexOf("d");
        int th = names.indexOf("D");
        assertTrue(d >= 0 && th > d, "phonemes " + names);
        double pause = 0;
        for (PhonemeTiming p : speech.phonemes().subList(d + 1, th)) {
            assertTrue(p.phoneme().startsWith("_"), "not a pause between the sentences: " + p);
            pause += p.end() - p.start();
            assertTrue(peak(speech, p) < 50, "pause " + p + " is not silent");
        }
        assertTrue(pause > 0.2, "pause between the sentences only " + pause + " s");
        assertTrue(rms(speech.samples()) > 500, "speech is too quiet to be speech");
    }

    @Test
    void ssmlFlagInterpretsMarkup() {
        String markup = "<speak>Hello <break time=\"800ms\"/> world</speak>";
        Speech ssml = tts.synthesize(markup, "en-us", true);
        double longest = ssml.phonemes().stream().filter(p -> p.phoneme().startsWith("_"))
                .mapToDouble(p -> p.end() - p.start()).max().orElse(0);
        assertTrue(longest >= 0.7, "break of 800 ms gave a pause of " + longest + " s");
        // Read as plain text the tags are spoken, or at least change what is said.
        assertFalse(names(ssml).equals(names(tts.synthesize(markup, "en-us", false))));
    }

    @Test
    void languageTagsAndNamesSelectVoices() {
        assertTrue(names(tts.synthesize("Bonjour", "fr-fr")).contains("O~"), "no French nasal vowel");
        assertTrue(names(tts.synthesize("Bonjour", "French (France)")).contains("O~"));
        assertTrue(names(tts.synthesize("München", "de")).contains("y"), "no German ü");
        // en-gb has no voice file of that name: it is found through the languages the voices list.
        Speech gb = tts.synthesize("Hello", "en-gb");
        assertEquals("en-gb", gb.voice());
        assertFalse(gb.phonemes().isEmpty());
    }

    @Test
    void unknownVoiceIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tts.synthesize("Hello", "xx-nonsense"));
        assertTrue(e.getMessage().contains("xx-nonsense"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tts.synthesize("Hello", ""));
    }

    @Test
    void repeatedSynthesisSaysTheSameThing() {
        Speech first = tts.synthesize(HELLO, "en-us");
        tts.synthesize("Guten Tag! Ich heiße Katja.", "de");
        tts.synthesize("<speak><prosody rate=\"slow\">Slowly</prosody></speak>", "en-gb", true);
        Speech again = tts.synthesize(HELLO, "en-us");
        assertSameSpeech(first, again);
    }

    @Test
    void concurrentCallersEachGetTheirOwnSpeech() throws Exception {
        String[][] jobs = {{HELLO, "en-us"}, {"Bonjour le monde, je suis très heureux.", "fr-fr"}};
        Speech[] reference = {tts.synthesize(jobs[0][0], jobs[0][1]), tts.synthesize(jobs[1][0], jobs[1][1])};
        int rounds = 10;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Speech>>> results = new ArrayList<>();
            for (String[] job : jobs) {
                Callable<List<Speech>> task = () -> {
                    go.await();
                    List<Speech> out = new ArrayList<>();
                    for (int i = 0; i < rounds; i++) {
                        out.add(tts.synthesize(job[0], job[1]));
                    }
                    return out;
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            for (int j = 0; j < jobs.length; j++) {
                List<Speech> got = results.get(j).get();
                assertEquals(rounds, got.size());
                for (Speech s : got) {
                    assertEquals(jobs[j][1], s.voice());
                    assertSameSpeech(reference[j], s);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void longTextRealTimeFactor() {
        String text = "The quick brown fox jumps over the lazy dog, and then it runs back home again. ".repeat(20);
        tts.synthesize(text, "en-us");
        long t0 = System.nanoTime();
        Speech speech = tts.synthesize(text, "en-us");
        double elapsed = (System.nanoTime() - t0) / 1e9;
        PhonemeTiming last = speech.phonemes().get(speech.phonemes().size() - 1);
        assertEquals(speech.durationSeconds(), last.end(), 0.001);
        System.out.printf("espeak-ng: %.1f s of speech in %.1f ms, real-time factor %.4f (warm)%n",
                speech.durationSeconds(), elapsed * 1e3, elapsed / speech.durationSeconds());
    }

    @Test
    void closedSynthesizerRefusesWork() {
        EspeakSynthesizer own = new EspeakSynthesizer();
        own.close();
        assertThrows(IllegalStateException.class, () -> own.synthesize("Hello", "en-us"));
        // The shared engine stays up for everyone else.
        assertFalse(tts.synthesize("Hello", "en-us").phonemes().isEmpty());
    }

    @Test
    void timingsClampOutOfOrderMarksAndFillTheLeadingGap() {
        List<EspeakEngine.Mark> marks = List.of(new EspeakEngine.Mark("h", 100), new EspeakEngine.Mark("@", 50),
                new EspeakEngine.Mark("_|", 300), new EspeakEngine.Mark("l", 300), new EspeakEngine.Mark("oU", 900));
        List<PhonemeTiming> t = EspeakSynthesizer.timings(marks, 800, 100);
        assertEquals(List.of(new PhonemeTiming("_", 0, 1), new PhonemeTiming("@", 1, 3),
                new PhonemeTiming("l", 3, 8)), t);
        assertEquals(List.of(new PhonemeTiming("_", 0, 2)), EspeakSynthesizer.timings(List.of(), 200, 100));
        assertTrue(EspeakSynthesizer.timings(List.of(), 0, 100).isEmpty());
    }

    static void assertSameSpeech(Speech expected, Speech actual) {
        assertEquals(names(expected), names(actual));
        assertEquals(expected.durationSeconds(), actual.durationSeconds(), drift(expected.durationSeconds()));
        for (int i = 0; i < expected.phonemes().size(); i++) {
            double start = expected.phonemes().get(i).start();
            assertEquals(start, actual.phonemes().get(i).start(), drift(start), "phoneme " + i);
        }
    }

    static List<String> names(Speech speech) {
        return speech.phonemes().stream().map(PhonemeTiming::phoneme).toList();
    }

    static int peak(Speech speech, PhonemeTiming p) {
        int from = (int) Math.round(p.start() * speech.sampleRate());
        int to = (int) Math.round(p.end() * speech.sampleRate());
        int peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(speech.samples()[i]));
        }
        return peak;
    }

    static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length);
    }
}
