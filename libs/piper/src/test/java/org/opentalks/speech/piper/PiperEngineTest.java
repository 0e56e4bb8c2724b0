package org.opentalks.speech.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.EspeakPhonemizer;
import org.opentalks.speech.Gender;
import org.opentalks.speech.PhoneSet;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.VisemeMapper;
import org.opentalks.speech.WordTiming;

/** The real engine on generated voices with Piper's signature (see {@link ToneVoice} for the model's rule). */
class PiperEngineTest {
    private static final String VOICE = "en_US-tone-medium";
    private static final int SENTENCE_SILENCE = (int) Math.round(0.2 * ToneVoice.SAMPLE_RATE);
    private static final EspeakPhonemizer ESPEAK = new EspeakPhonemizer();

    @TempDir
    Path dir;

    @Test
    void loadsTheDirectoryAndListsItsVoices() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.PLAIN);
        ToneVoice.write(dir.resolve("en/en_GB/alba"), "en_GB-alba_female-low", ToneVoice.Variant.PLAIN, "en_GB");
        try (PiperEngine engine = new PiperEngine(dir)) {
            assertEquals(List.of(), engine.problems());
            assertEquals("piper", engine.id());
            List<SpeechVoice> voices = engine.voices();
            assertEquals(List.of("en_GB-alba_female-low", VOICE), voices.stream().map(SpeechVoice::id).toList());
            SpeechVoice tone = voices.get(1);
            assertEquals(new SpeechVoice("piper", VOICE, "tone (English, United States, medium)", "en-US",
                    Gender.UNSPECIFIED, List.of()), tone);
            assertEquals("en-GB", voices.get(0).locale());
            assertEquals(Gender.FEMALE, voices.get(0).gender(), "the file name says female");
            assertEquals(22_050, engine.config(tone).sampleRate());
            assertEquals("en-us", engine.config(tone).espeakVoice());
            assertFalse(engine.reportsDurations(tone));
        }
    }

    @Test
    void speaksTextSentenceBySentenceAsTheModelsRuleSays() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.PLAIN);
        String text = "Hello world. How are you?";
        List<String> clauses = ESPEAK.ipa(text, "en-us");
        assertEquals(2, clauses.size(), clauses::toString);
        try (PiperEngine engine = new PiperEngine(dir)) {
            Speech speech = engine.speak(text, engine.voices().get(0), Prosody.NEUTRAL);
            long first = ToneVoice.samples(clauses.get(0) + ".", 1f);
            long expected = first + SENTENCE_SILENCE + ToneVoice.samples(clauses.get(1) + "?", 1f);
            assertEquals(expected, speech.samples().length, "the terminators are phonemes, sentences are apart");
            assertEquals(22_050, speech.sampleRate());
            assertEquals(PhoneSet.IPA, speech.phoneSet());
            assertEquals("piper:" + VOICE, speech.label());
            assertTiles(speech);
            List<WordTiming> words = speech.words();
            assertEquals(List.of("Hello", "world", "How", "are", "you"),
                    words.stream().map(WordTiming::word).toList());
            for (int i = 1; i < words.size(); i++) {
                assertTrue(words.get(i).start() >= words.get(i - 1).end(), words::toString);
            }
            double secondSentence = (double) (first + SENTENCE_SILENCE) / 22_050;
            assertTrue(words.get(1).end() <= (double) first / 22_050 + 1e-9, words::toString);
            assertTrue(words.get(2).start() >= secondSentence - 1e-9, words::toString);
            assertTrue(words.get(4).end() <= speech.durationSeconds());
        }
    }

    @Test
    void aCommaKeepsTheSentenceWhole() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.PLAIN);
        String text = "Hello, world.";
        List<String> clauses = ESPEAK.ipa(text, "en-us");
        try (PiperEngine engine = new PiperEngine(dir)) {
            Speech speech = engine.speak(text, engine.voices().get(0), Prosody.NEUTRAL);
            assertEquals(ToneVoice.samples(clauses.get(0) + ", " + clauses.get(1) + ".", 1f),
                    speech.samples().length);
        }
    }

    @Test
    void rateTwoHalvesTheLengthScale() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.PLAIN);
        String text = "Hello world. How are you?";
        List<String> clauses = ESPEAK.ipa(text, "en-us");
        try (PiperEngine engine = new PiperEngine(dir)) {
            SpeechVoice voice = engine.voices().get(0);
            Speech normal = engine.speak(text, voice, Prosody.NEUTRAL);
            Speech fast = engine.speak(text, voice, new Prosody(2, 0, 0));
            long expected = ToneVoice.samples(clauses.get(0) + ".", 0.5f) + SENTENCE_SILENCE / 2
                    + ToneVoice.samples(clauses.get(1) + "?", 0.5f);
            assertEquals(expected, fast.samples().length);
            double ratio = (double) fast.samples().length / normal.samples().length;
            System.out.printf("rate 2: %d → %d samples (%.3f)%n", normal.samples().length, fast.samples().length,
                    ratio);
            assertEquals(0.5, ratio, 1e-9, "the tone voice's frames are even, so they halve exactly");
            assertTiles(fast);
        }
    }

    @Test
    void phoneTimingsAreTheModelsDurationsWhenItReportsThem() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.WITH_DURATIONS);
        try (PiperEngine engine = new PiperEngine(dir)) {
            SpeechVoice voice = engine.voices().get(0);
            assertTrue(engine.reportsDurations(voice));
            Speech speech = engine.speakPhonemes("ipa", "həlˈoʊ wˈɜːld", voice, Prosody.NEUTRAL);
            // Each phone owns its symbols' ids and their pads; the short word gap joins the phone before it.
            List<String> names = List.of("_", "h", "ə", "l", "o", "ʊ", "w", "ɜː", "l", "d", "_");
            List<String> owned = List.of("^_", "h_", "ə_", "l_", "ˈ_o_", "ʊ_ _", "w_", "ˈ_ɜ_ː_", "l_", "d_", "$");
            assertEquals(names, speech.phonemes().stream().map(PhonemeTiming::phoneme).toList());
            long at = 0;
            for (int i = 0; i < names.size(); i++) {
                long start = at;
                for (int c : owned.get(i).codePoints().toArray()) {
                    at += ToneVoice.samplesOf(ToneVoice.id(c), 1f);
                }
                PhonemeTiming phone = speech.phonemes().get(i);
                assertEquals(start, Math.round(phone.start() * 22_050), phone.toString());
                assertEquals(at, Math.round(phone.end() * 22_050), phone.toString());
            }
            assertEquals(at, speech.samples().length);
            // The tone in the middle of each phone is its own: the timings are where the audio is.
            for (PhonemeTiming phone : speech.phonemes().subList(1, names.size() - 1)) {
                long id = ToneVoice.id(phone.phoneme().codePointAt(0));
                assertEquals(ToneVoice.frequency(id), frequency(speech, phone.phoneme(), 0), 0.08
                        * ToneVoice.frequency(id), phone.toString());
            }
        }
    }

    @Test
    void aPatchedModelsCeilOutputIsReadAsDurations() throws Exception {
        // piper1's patch_voice_with_alignment marks VITS's Ceil tensor as an output under its graph name.
        ToneVoice.write(dir, VOICE, new ToneVoice.Variant(1, false, "/dp/Ceil_output_0", 3, PiperModel.INPUT));
        try (PiperEngine engine = new PiperEngine(dir)) {
            SpeechVoice voice = engine.voices().get(0);
            assertTrue(engine.reportsDurations(voice));
            Speech speech = engine.speakPhonemes("ipa", "mˈuːv", voice, Prosody.NEUTRAL);
            PhonemeTiming m = speech.phonemes().get(1);
            assertEquals("m", m.phoneme());
            long bos = ToneVoice.samplesOf(ToneVoice.id('^'), 1f) + ToneVoice.samplesOf(ToneVoice.id('_'), 1f);
            long own = ToneVoice.samplesOf(ToneVoice.id('m'), 1f) + ToneVoice.samplesOf(ToneVoice.id('_'), 1f);
            assertEquals(bos, Math.round(m.start() * 22_050));
            assertEquals(bos + own, Math.round(m.end() * 22_050));
        }
    }

    @Test
    void voicesSpeakFromSeveralThreadsAtOnce() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.PLAIN);
        try (PiperEngine engine = new PiperEngine(dir)) {
            SpeechVoice voice = engine.voices().get(0);
            String[] texts = {"Hello world.", "How are you today?", "Fine, thank you.", "See you soon!"};
            List<Speech> alone = new ArrayList<>();
            for (String text : texts) {
                alone.add(engine.speak(text, voice, Prosody.NEUTRAL));
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<Speech>> together = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (String text : texts) {
                        together.add(pool.submit(() -> engine.speak(text, voice, Prosody.NEUTRAL)));
                    }
                }
                for (int i = 0; i < together.size(); i++) {
                    Speech s = together.get(i).get();
                    Speech expected = alone.get(i % texts.length);
                    assertTrue(java.util.Arrays.equals(expected.samples(), s.samples()), texts[i % texts.length]);
                    assertEquals(expected.phonemes(), s.phonemes());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void estimatedTimingsTileTheAudioAndFollowIt() throws Exception {
        Path plain = dir.resolve("plain");
        Path reporting = dir.resolve("reporting");
        ToneVoice.write(plain, VOICE, ToneVoice.Variant.PLAIN);
        ToneVoice.write(reporting, VOICE, ToneVoice.Variant.WITH_DURATIONS);
        String text = "Please remember to bring your passport, your ticket and a warm coat.";
        try (PiperEngine estimating = new PiperEngine(plain); PiperEngine exact = new PiperEngine(reporting)) {
            Speech estimated = estimating.speak(text, estimating.voices().get(0), Prosody.NEUTRAL);
            Speech truth = exact.speak(text, exact.voices().get(0), Prosody.NEUTRAL);
            assertEquals(truth.samples().length, estimated.samples().length);
            assertTiles(estimated);
            assertTiles(truth);
            List<Double> errors = new ArrayList<>();
            for (PhonemeTiming p : estimated.phonemes()) {
                errors.add(truth.phonemes().stream().mapToDouble(t -> Math.abs(t.start() - p.start())).min()
                        .orElseThrow());
            }
            errors.sort(null);
            double median = errors.get(errors.size() / 2);
            System.out.printf("estimated phone starts vs the model's own: median %.1f ms, max %.1f ms over %d%n",
                    1000 * median, 1000 * errors.get(errors.size() - 1), errors.size());
            // A tone voice is not speech (the aligner's real test is PhoneAlignerTest, on espeak-ng's speech), but
            // the estimate must still follow the audio without drifting.
            assertTrue(median < 0.05, "median " + median);
            assertTrue(errors.get(errors.size() - 1) < 0.15, "largest error " + errors.get(errors.size() - 1));
        }
    }

    @Test
    void multiSpeakerVoicesPassTheirSpeakerId() throws Exception {
        ToneVoice.write(dir, "en_US-tones-medium", new ToneVoice.Variant(3, true, "durations", 3,
                PiperModel.INPUT));
        try (PiperEngine engine = new PiperEngine(dir)) {
            assertEquals(List.of(), engine.problems());
            assertEquals(List.of("en_US-tones-medium", "en_US-tones-medium@alice", "en_US-tones-medium@bob",
                    "en_US-tones-medium@carol"), engine.voices().stream().map(SpeechVoice::id).toList());
            assertEquals("carol, tone (English, United States, medium)", engine.voices().get(3).name());
            long id = ToneVoice.id('ɑ');
            for (int sid = 0; sid < 3; sid++) {
                SpeechVoice voice = engine.voices().get(sid + 1);
                Speech speech = engine.speakPhonemes("ipa", "mɑm", voice, new Prosody(0.5, 0, 0));
                double expected = ToneVoice.frequency(id) * (1 + 0.25 * sid);
                assertEquals(expected, frequency(speech, "ɑ", 0), 0.03 * expected, voice.id());
            }
            // The model's own voice is speaker 0, as Piper's default.
            Speech first = engine.speakPhonemes("ipa", "mɑm", engine.voices().get(0), new Prosody(0.5, 0, 0));
            assertEquals(ToneVoice.frequency(id), frequency(first, "ɑ", 0), 0.03 * ToneVoice.frequency(id));
        }
    }

    @Test
    void aConfigWithSpeakersAndAModelWithoutSidIsRefused() throws Exception {
        ToneVoice.write(dir, VOICE, new ToneVoice.Variant(3, false, null, 3, PiperModel.INPUT));
        try (PiperEngine engine = new PiperEngine(dir)) {
            assertEquals(List.of(), engine.voices());
            assertEquals(1, engine.problems().size());
            assertTrue(engine.problems().get(0).contains("has no sid input but its .onnx.json lists 3 speakers"),
                    engine.problems()::toString);
        }
    }

    @Test
    void aModelWithTheWrongSignatureIsRefusedWithAClearMessage() throws Exception {
        ToneVoice.write(dir, VOICE, new ToneVoice.Variant(1, false, null, 3, "text"));
        try (PiperEngine engine = new PiperEngine(dir)) {
            assertEquals(List.of(), engine.voices());
            String problem = engine.problems().get(0);
            assertTrue(problem.startsWith(VOICE + ".onnx has no input (it has "), problem);
            assertTrue(problem.contains("a Piper voice takes input int64 [1, N], input_lengths int64 [1], scales "
                    + "float32 [3]"), problem);
            SpeechVoice asked = new SpeechVoice("piper", VOICE, VOICE, "en-US", Gender.UNSPECIFIED, List.of());
            SpeechException e = assertThrows(SpeechException.class,
                    () -> engine.speak("Hello.", asked, Prosody.NEUTRAL));
            assertEquals(SpeechException.Cause.VOICE, e.reason());
            assertTrue(e.getMessage().contains(problem), e.getMessage());
        }
    }

    @Test
    void aMissingOrBrokenConfigIsRefusedWithAClearMessage() throws Exception {
        Files.write(dir.resolve("lonely.onnx"), ToneVoice.model(ToneVoice.Variant.PLAIN));
        ToneVoice.write(dir, "no-map", ToneVoice.Variant.PLAIN);
        Files.writeString(dir.resolve("no-map.onnx.json"), Files.readString(dir.resolve("no-map.onnx.json"))
                .replace("\"phoneme_id_map\"", "\"renamed_map\""));
        ToneVoice.write(dir, "not-json", ToneVoice.Variant.PLAIN);
        Files.writeString(dir.resolve("not-json.onnx.json"), "{ \"audio\": ");
        Files.writeString(dir.resolve("orphan.onnx.json"), ToneVoice.config(1, "en_US"));
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.PLAIN);
        try (PiperEngine engine = new PiperEngine(dir)) {
            assertEquals(List.of(VOICE), engine.voices().stream().map(SpeechVoice::id).toList());
            String all = String.join("\n", engine.problems());
            assertEquals(4, engine.problems().size(), all);
            assertTrue(all.contains("lonely.onnx has no lonely.onnx.json next to it"), all);
            assertTrue(all.contains("no-map.onnx.json has no phoneme_id_map"), all);
            assertTrue(all.contains("not-json.onnx.json cannot be read as JSON"), all);
            assertTrue(all.contains("orphan.onnx.json has no orphan.onnx next to it"), all);
        }
        assertThrows(IllegalArgumentException.class, () -> new PiperEngine(dir.resolve("absent")));
    }

    @Test
    void pitchIsShiftedAndTheLengthKept() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.WITH_DURATIONS);
        try (PiperEngine engine = new PiperEngine(dir)) {
            SpeechVoice voice = engine.voices().get(0);
            Speech plain = engine.speakPhonemes("ipa", "mɑm", voice, new Prosody(0.25, 0, 0));
            Speech higher = engine.speakPhonemes("ipa", "mɑm", voice, new Prosody(0.25, 6, 0));
            assertEquals(plain.samples().length, higher.samples().length);
            assertEquals(plain.phonemes(), higher.phonemes());
            double ratio = frequency(higher, "ɑ", 0) / frequency(plain, "ɑ", 0);
            System.out.printf("+6 st through the engine: tone ratio %.3f (expected %.3f)%n", ratio, Math.sqrt(2));
            assertEquals(Math.sqrt(2), ratio, 0.05 * Math.sqrt(2));
        }
    }

    @Test
    void phonemesTheMapLacksAreSkippedAsPiperSkipsThem() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.PLAIN);
        try (PiperEngine engine = new PiperEngine(dir)) {
            Speech speech = engine.speakPhonemes("ipa", "wˈɔːɾɚ", engine.voices().get(0), Prosody.NEUTRAL);
            assertTrue(ToneVoice.MISSING.equals("ɾ") && ToneVoice.ids("wˈɔːɾɚ").length == 2 + 2 * 5 + 1);
            assertEquals(ToneVoice.samples("wˈɔːɾɚ", 1f), speech.samples().length);
            assertTrue(speech.phonemes().stream().noneMatch(p -> p.phoneme().contains("ɾ")),
                    speech.phonemes()::toString);
        }
    }

    @Test
    void aFourDimensionalOutputIsAudioToo() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.WITH_DURATIONS.rank(4));
        try (PiperEngine engine = new PiperEngine(dir)) {
            Speech speech = engine.speakPhonemes("ipa", "həlˈoʊ", engine.voices().get(0), Prosody.NEUTRAL);
            assertEquals(ToneVoice.samples("həlˈoʊ", 1f), speech.samples().length);
        }
    }

    @Test
    void theVisemeTrackReadsThePhones() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.WITH_DURATIONS);
        try (PiperEngine engine = new PiperEngine(dir)) {
            Speech speech = engine.speak("Wolves move.", engine.voices().get(0), Prosody.NEUTRAL);
            VisemeTrack track = new VisemeMapper().track(speech);
            assertEquals(speech.durationSeconds(), track.durationSeconds());
            assertEquals(speech.durationSeconds(), track.segments().get(track.segments().size() - 1).end(), 1e-9);
            List<Viseme> visemes = track.segments().stream().map(s -> s.viseme()).toList();
            // wˈʊlvz mˈuːv.
            assertEquals(List.of(Viseme.REST, Viseme.UW, Viseme.CONSONANT, Viseme.FV, Viseme.CONSONANT, Viseme.PBM,
                    Viseme.UW, Viseme.FV, Viseme.REST), visemes, track.segments()::toString);
        }
    }

    @Test
    void blankTextIsNoSpeech() throws Exception {
        ToneVoice.write(dir, VOICE, ToneVoice.Variant.PLAIN);
        try (PiperEngine engine = new PiperEngine(dir)) {
            Speech speech = engine.speak("   ", engine.voices().get(0), Prosody.NEUTRAL);
            assertEquals(0, speech.samples().length);
            SpeechVoice stranger = new SpeechVoice("piper", "nobody", "x", "en-US", Gender.MALE, List.of());
            SpeechException e = assertThrows(SpeechException.class,
                    () -> engine.speak("Hi.", stranger, Prosody.NEUTRAL));
            assertTrue(e.getMessage().contains("has no voice piper:nobody; its voices are [" + VOICE + "]"),
                    e.getMessage());
        }
    }

    /** Phones start at 0, follow each other without gaps or overlaps and end with the audio. */
    private static void assertTiles(Speech speech) {
        List<PhonemeTiming> phones = speech.phonemes();
        assertFalse(phones.isEmpty());
        assertEquals(0, phones.get(0).start());
        for (int i = 0; i < phones.size(); i++) {
            PhonemeTiming p = phones.get(i);
            assertTrue(p.end() > p.start(), p.toString());
            if (i > 0) {
                assertEquals(phones.get(i - 1).end(), p.start(), 0.0, "contiguous at " + i);
            }
        }
        assertEquals(speech.durationSeconds(), phones.get(phones.size() - 1).end(), 1e-9);
    }

    /** The frequency of the audio within the {@code nth} span of {@code phone}, from its zero crossings. */
    private static double frequency(Speech speech, String phone, int nth) {
        PhonemeTiming span = speech.phonemes().stream().filter(p -> p.phoneme().equals(phone)).skip(nth)
                .findFirst().orElseThrow(() -> new AssertionError(phone + " not in " + speech.phonemes()));
        int from = (int) Math.round(span.start() * speech.sampleRate());
        int to = (int) Math.round(span.end() * speech.sampleRate());
        short[] x = speech.samples();
        int crossings = 0;
        int first = -1;
        int last = -1;
        int previous = 0;
        for (int i = from; i < to; i++) {
            // Hysteresis: a pitch shift's resampling rings a little in the silent pads, which must not count.
            int sign = Math.abs(x[i]) < 300 ? 0 : Integer.signum(x[i]);
            if (sign == 0) {
                continue;
            }
            if (previous != 0 && sign != previous) {
                crossings++;
                last = i;
                if (first < 0) {
                    first = i;
                }
            }
            previous = sign;
        }
        if (crossings < 4) {
            throw new AssertionError("no tone in " + span);
        }
        // Half periods between the first and last crossing.
        return (crossings - 1) / 2.0 / ((double) (last - first) / speech.sampleRate());
    }
}
