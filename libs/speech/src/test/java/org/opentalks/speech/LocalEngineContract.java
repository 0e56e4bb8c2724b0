package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;

/**
 * What every local engine must do, checked on its real output: timings that tile the audio, exact SSML breaks,
 * rate and pitch as a listener would measure them (durations; the median f0 by the tests' own estimator, {@link F0}).
 * A subclass names the engine and voice; an engine that is not installed fails here, saying to run ./opentalks setup.
 */
abstract class LocalEngineContract {
    static final String SENTENCE = "The quick brown fox jumps over the lazy dog while we watch.";

    abstract SpeechEngine engine();

    abstract String voiceId();

    /** Whether the engine reports word timings. */
    abstract boolean hasWords();

    SpeechVoice voice() {
        List<SpeechVoice> voices = engine().voices();
        assertFalse(voices.isEmpty(), engine().id() + " lists no voice: it is not installed; run ./opentalks setup");
        return voices.stream().filter(v -> v.id().equals(voiceId())).findFirst().orElseThrow(() -> new AssertionError(
                engine().id() + " has no voice " + voiceId() + " among " + voices + ": run ./opentalks setup"));
    }

    Speech speak(String text, Prosody prosody) {
        return engine().speak(text, voice(), prosody);
    }

    @Test
    void timingsTileTheAudioInOrder() {
        Speech speech = speak(SENTENCE, Prosody.NEUTRAL);
        assertEquals(engine().id(), speech.engine());
        assertTrue(speech.durationSeconds() > 1.5 && speech.durationSeconds() < 8, "duration "
                + speech.durationSeconds());
        assertTiled(speech);
        VisemeMapper mapper = new VisemeMapper();
        long spoken = speech.phonemes().stream()
                .filter(p -> mapper.viseme(speech.phoneSet(), p.phoneme()) != Viseme.REST)
                .count();
        assertTrue(spoken >= 30, "only " + spoken + " phones with a mouth shape in " + speech.phonemes());
        if (speech.phoneSet() == PhoneSet.ARPABET) {
            for (PhonemeTiming p : speech.phonemes()) {
                assertTrue(ArpabetVisemes.knows(p.phoneme()), "phone '" + p.phoneme() + "' is not in the table");
            }
        }
        if (hasWords()) {
            List<WordTiming> words = speech.words();
            assertEquals(List.of("The", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "while", "we",
                    "watch"), words.stream().map(w -> w.word().replaceAll("[^A-Za-z]", "")).toList());
            double previous = 0;
            for (WordTiming w : words) {
                assertTrue(w.start() >= previous - 1e-9 && w.end() >= w.start() && w.end() <= speech.durationSeconds()
                        + 1e-9, "word out of order or outside the audio: " + w);
                previous = w.end();
            }
            assertTrue(words.get(words.size() - 1).end() > 0.8 * speech.durationSeconds(), "words end early: " + words);
        }
    }

    @Test
    void anSsmlBreakAddsItsLength() {
        UtteranceRenderer renderer = new UtteranceRenderer(engine());
        Speech joined = renderer.speak(SsmlParser.parse("Hello there, my friend. <break time=\"2s\"/> How are you?"),
                voice(), Prosody.NEUTRAL);
        double parts = speak("Hello there, my friend.", Prosody.NEUTRAL).durationSeconds()
                + speak("How are you?", Prosody.NEUTRAL).durationSeconds();
        assertEquals(2.0, joined.durationSeconds() - parts, 0.05, "the break's length");
        assertTiled(joined);
    }

    @Test
    void xFastShortensAndXSlowLengthens() {
        Prosody fast = Prosody.of(Map.of("rate", "x-fast"));
        Prosody slow = Prosody.of(Map.of("rate", "x-slow"));
        double normal = speak(SENTENCE, Prosody.NEUTRAL).durationSeconds();
        Speech quick = speak(SENTENCE, fast);
        double slowed = speak(SENTENCE, slow).durationSeconds();
        assertTrue(quick.durationSeconds() <= 0.75 * normal, "x-fast " + quick.durationSeconds() + " s against "
                + normal + " s");
        assertTrue(slowed >= 1.25 * normal, "x-slow " + slowed + " s against " + normal + " s");
        assertTiled(quick);
    }

    @Test
    void plusSixSemitonesRaisesTheMedianF0ByTheRightFactor() {
        Speech plain = speak(SENTENCE, Prosody.NEUTRAL);
        Speech raised = speak(SENTENCE, Prosody.of(Map.of("pitch", "+6st")));
        double ratio = F0.median(raised.samples(), raised.sampleRate())
                / F0.median(plain.samples(), plain.sampleRate());
        double expected = Math.pow(2, 6 / 12.0);
        assertEquals(expected, ratio, 0.1 * expected, "median f0 ratio for +6st");
        assertEquals(plain.durationSeconds(), raised.durationSeconds(), 0.03 * plain.durationSeconds() + 0.01,
                "a pitch shift keeps the duration");
        assertTiled(raised);
    }

    @Test
    void minusSixSemitonesLowersIt() {
        Speech plain = speak(SENTENCE, Prosody.NEUTRAL);
        Speech lowered = speak(SENTENCE, Prosody.of(Map.of("pitch", "-6st")));
        double ratio = F0.median(lowered.samples(), lowered.sampleRate()) / F0.median(plain.samples(),
                plain.sampleRate());
        double expected = Math.pow(2, -6 / 12.0);
        assertEquals(expected, ratio, 0.1 * expected, "median f0 ratio for -6st");
    }

    /** Phones from 0 to the end of the audio, each starting where the last ended. */
    static void assertTiled(Speech speech) {
        List<PhonemeTiming> ph = speech.phonemes();
        assertFalse(ph.isEmpty(), "no phones");
        assertEquals(0.0, ph.get(0).start(), 1e-9);
        assertEquals(speech.durationSeconds(), ph.get(ph.size() - 1).end(), 0.001, "the phones end with the audio");
        for (int i = 0; i < ph.size(); i++) {
            assertTrue(ph.get(i).end() > ph.get(i).start(), "empty span " + ph.get(i));
            if (i > 0) {
                assertEquals(ph.get(i - 1).end(), ph.get(i).start(), 1e-9, "gap or overlap before " + ph.get(i));
            }
        }
    }
}
