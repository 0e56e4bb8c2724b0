package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

/**
 * The audio-only estimate against what espeak-ng says it spoke: espeak's phoneme events through {@link VisemeMapper}
 * are the reference, and the estimator sees only the samples, resampled to the 16 kHz of decoded uploads.
 */
class AudioVisemesTest {

    static final Set<Viseme> VOWELS = EnumSet.of(Viseme.AA, Viseme.EH, Viseme.EE, Viseme.OH, Viseme.UW);
    static final Set<Viseme> OPEN = EnumSet.of(Viseme.AA, Viseme.EH, Viseme.OH);

    static EspeakSynthesizer tts;
    final VisemeMapper mapper = new VisemeMapper();
    final AudioVisemes visemes = new AudioVisemes();

    @BeforeAll
    static void start() {
        tts = new EspeakSynthesizer();
    }

    @AfterAll
    static void stop() {
        tts.close();
    }

    /** One utterance: espeak's own track and the estimate from its samples. */
    record Comparison(String text, String voice, VisemeTrack reference, VisemeTrack estimate) {

        /** Frame centres on the estimator's hop. */
        double[] times() {
            int n = (int) Math.floor(reference.durationSeconds() / AudioVisemes.HOP_SECONDS);
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = (i + 0.5) * AudioVisemes.HOP_SECONDS;
            }
            return t;
        }

        /** Share of frames on which both say "pause" or both say "speaking". */
        double speechSilenceAgreement() {
            int agree = 0;
            double[] times = times();
            for (double t : times) {
                agree += (reference.at(t) == Viseme.REST) == (estimate.at(t) == Viseme.REST) ? 1 : 0;
            }
            return (double) agree / times.length;
        }

        /** Estimated visemes counted over the frames where the reference is one of {@code where}. */
        Map<Viseme, Integer> estimatedWhere(Set<Viseme> where) {
            Map<Viseme, Integer> counts = new EnumMap<>(Viseme.class);
            for (Viseme v : Viseme.values()) {
                counts.put(v, 0);
            }
            for (double t : times()) {
                if (where.contains(reference.at(t))) {
                    counts.merge(estimate.at(t), 1, Integer::sum);
                }
            }
            return counts;
        }
    }

    Comparison compare(String text, String voice, boolean ssml) {
        Speech speech = tts.synthesize(text, voice, ssml);
        Pcm pcm = TestSignals.at16k(speech);
        VisemeTrack estimate = visemes.track(pcm, "audio:test");
        assertTiles(estimate, pcm);
        return new Comparison(text, voice, mapper.track(speech), estimate);
    }

    @Test
    void pausesAgreeWithEspeaksTimings() {
        String[][] cases = {
            {"Hello there, see me. I will wait here, and then I will speak again.", "false"},
            {"I will wait here ... and then, after a long pause, I will speak again.", "false"},
            {"<speak>First we talk. <break time=\"700ms\"/> Then, after a pause, we talk again.</speak>", "true"}};
        for (String voice : List.of("en-us", "en-us+f3", "en-gb")) {
            for (String[] c : cases) {
                Comparison cmp = compare(c[0], voice, Boolean.parseBoolean(c[1]));
                double agreement = cmp.speechSilenceAgreement();
                System.out.printf("speech/silence agreement %5.1f %% (%s) %s%n", 100 * agreement, voice, c[0]);
                assertTrue(agreement >= 0.85, "agreement " + agreement + " for " + voice + ": " + c[0]);
                // Every pause espeak made inside the utterance is REST in the estimate, at least in its middle.
                List<VisemeSegment> ref = cmp.reference().segments();
                for (VisemeSegment s : ref.subList(1, ref.size() - 1)) {
                    if (s.viseme() == Viseme.REST && s.end() - s.start() >= 0.15) {
                        assertEquals(Viseme.REST, cmp.estimate().at((s.start() + s.end()) / 2),
                                "pause " + s + " missed (" + voice + "): " + cmp.estimate().segments());
                    }
                }
            }
        }
    }

    @Test
    void openVowelsOpenTheMouth() {
        for (String voice : List.of("en-us", "en-us+f3")) {
            Comparison cmp = compare("Ah, ah, ah. Papa, father.", voice, false);
            Map<Viseme, Integer> est = cmp.estimatedWhere(VOWELS);
            int voiced = est.values().stream().mapToInt(Integer::intValue).sum() - est.get(Viseme.REST);
            int open = est.get(Viseme.AA) + est.get(Viseme.EH) + est.get(Viseme.OH);
            System.out.printf("open vowels (%s): %d of %d vowel frames AA/EH/OH, of them AA %d; EE %d%n",
                    voice, open, voiced, est.get(Viseme.AA), est.get(Viseme.EE));
            assertTrue(open >= 0.7 * voiced, "open " + open + " of " + voiced + ": " + est);
            assertTrue(est.get(Viseme.AA) >= 0.5 * voiced, "AA only " + est.get(Viseme.AA) + ": " + est);
            assertTrue(est.get(Viseme.EE) < est.get(Viseme.AA), est.toString());
        }
    }

    @Test
    void eeWordsSpreadTheLips() {
        for (String voice : List.of("en-us", "en-us+f3")) {
            Comparison cmp = compare("See me, we need tea. Please keep the green leaf.", voice, false);
            Map<Viseme, Integer> onEe = cmp.estimatedWhere(EnumSet.of(Viseme.EE));
            Map<Viseme, Integer> onVowels = cmp.estimatedWhere(VOWELS);
            int ee = onEe.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("ee words (%s): EE on %d of %d EE frames; over all vowels EE %d, AA %d%n",
                    voice, onEe.get(Viseme.EE), ee, onVowels.get(Viseme.EE), onVowels.get(Viseme.AA));
            assertTrue(onEe.get(Viseme.EE) >= 0.5 * ee, onEe.toString());
            assertTrue(onVowels.get(Viseme.EE) > 2 * onVowels.get(Viseme.AA), onVowels.toString());
        }
    }

    @Test
    void labialPhraseClosesTheLips() {
        int found = 0;
        int made = 0;
        int matched = 0;
        int labials = 0;
        for (String voice : List.of("en-us", "en-us+f3")) {
            Comparison cmp = compare("Bob bought a map, maybe by the big blue boat.", voice, false);
            List<VisemeSegment> estimated = pbm(cmp.estimate());
            List<VisemeSegment> reference = pbm(cmp.reference());
            assertTrue(estimated.size() >= 3, "lip closures " + cmp.estimate().segments());
            made += estimated.size();
            matched += (int) estimated.stream().filter(e -> near(e, reference)).count();
            labials += reference.size();
            found += (int) reference.stream().filter(r -> near(r, estimated)).count();
        }
        System.out.printf("b/p/m: %d of %d espeak labials get a PBM within 30 ms; %d of %d PBM segments are on one%n",
                found, labials, matched, made);
        assertTrue(matched >= 0.6 * made, matched + " of " + made + " PBM segments near a labial");
        assertTrue(found >= 0.4 * labials, found + " of " + labials + " labials found");
    }

    @Test
    void nativeRateGivesTheSameKindOfTrack() {
        Speech speech = tts.synthesize("Hello there, see me. I will wait here, and then I will speak again.", "en-us");
        Pcm pcm = new Pcm(speech.samples(), speech.sampleRate());
        VisemeTrack estimate = visemes.track(pcm, "audio:test");
        assertTiles(estimate, pcm);
        double agreement = new Comparison("", "en-us", mapper.track(speech), estimate).speechSilenceAgreement();
        System.out.printf("speech/silence agreement %5.1f %% at 22.05 kHz%n", 100 * agreement);
        assertTrue(agreement >= 0.85, "agreement " + agreement);
    }

    @Test
    void silenceIsOneRest() {
        Pcm silence = new Pcm(new short[16_000 * 2], 16_000);
        VisemeTrack track = visemes.track(silence, "audio:silence");
        assertEquals(List.of(new VisemeSegment(Viseme.REST, 0, 2.0, EspeakSynthesizer.PAUSE)), track.segments());
        assertEquals("audio:silence", track.voice());
        assertEquals(16_000, track.sampleRate());
    }

    @Test
    void quietNoiseIsRest() {
        for (double dbfs : new double[] {-70, -50, -35}) {
            Pcm noise = new Pcm(TestSignals.toShorts(TestSignals.whiteNoise(16_000 * 3, dbfs, 42)), 16_000);
            List<VisemeSegment> seg = visemes.track(noise, "audio:noise").segments();
            assertEquals(1, seg.size(), dbfs + " dBFS noise: " + seg);
            assertEquals(Viseme.REST, seg.get(0).viseme());
        }
    }

    @Test
    void sameAudioSameTrack() {
        Pcm pcm = TestSignals.at16k(tts.synthesize("The quick brown fox jumps over the lazy dog.", "en-us"));
        VisemeTrack first = visemes.track(pcm, "audio:test");
        assertEquals(first, new AudioVisemes().track(new Pcm(pcm.samples().clone(), 16_000), "audio:test"));
        assertNotEquals(1, first.segments().size());
    }

    @Test
    void emptyAndLowRateAudio() {
        VisemeTrack empty = visemes.track(new Pcm(new short[0], 16_000), "audio:empty");
        assertTrue(empty.segments().isEmpty());
        assertEquals(0.0, empty.durationSeconds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> visemes.track(new Pcm(new short[8000], 8000), "audio:phone"));
        assertTrue(e.getMessage().contains("16000"), e.getMessage());
    }

    @Test
    void analysisSpeed() {
        Speech speech = tts.synthesize("The quick brown fox jumps over the lazy dog, and then it runs back home. "
                .repeat(6), "en-us");
        Pcm pcm = TestSignals.at16k(speech);
        visemes.track(pcm, "audio:warm-up");
        long t0 = System.nanoTime();
        VisemeTrack track = visemes.track(pcm, "audio:timed");
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf("audio visemes: %.1f s of 16 kHz audio in %.1f ms (%.0f× real time), %d segments%n",
                pcm.durationSeconds(), elapsed * 1e3, pcm.durationSeconds() / elapsed, track.segments().size());
        assertTrue(track.segments().size() > 50, "few segments for 30 s of speech");
    }

    static List<VisemeSegment> pbm(VisemeTrack track) {
        return track.segments().stream().filter(s -> s.viseme() == Viseme.PBM).toList();
    }

    static boolean near(VisemeSegment s, List<VisemeSegment> others) {
        return others.stream().anyMatch(o -> o.start() < s.end() + 0.03 && o.end() > s.start() - 0.03);
    }

    /** Contiguous from 0 to the duration, neighbours differ, every segment but the last at least one hop. */
    static void assertTiles(VisemeTrack track, Pcm pcm) {
        List<VisemeSegment> seg = track.segments();
        assertEquals(pcm.durationSeconds(), track.durationSeconds(), 0.0);
        assertEquals(0.0, seg.get(0).start());
        assertEquals(pcm.durationSeconds(), seg.get(seg.size() - 1).end(), 0.0);
        double hop = (double) AudioVisemes.hopSamples(pcm.sampleRate()) / pcm.sampleRate();
        for (int i = 0; i < seg.size(); i++) {
            VisemeSegment s = seg.get(i);
            if (i > 0) {
                assertEquals(seg.get(i - 1).end(), s.start(), 0.0, "gap or overlap at " + i);
                assertNotEquals(seg.get(i - 1).viseme(), s.viseme(), "unmerged neighbours at " + i);
            }
            if (i < seg.size() - 1) {
                assertTrue(s.end() - s.start() >= hop - 1e-9, "shorter than a hop: " + s);
            }
            double min = s.viseme() == Viseme.PBM ? AudioVisemes.MIN_CLOSURE_SECONDS : AudioVisemes.MIN_SEGMENT_SECONDS;
            if (i > 0 && i < seg.size() - 1) {
                assertTrue(s.end() - s.start() >= min - hop / 2, "flicker: " + s);
            }
        }
    }
}
