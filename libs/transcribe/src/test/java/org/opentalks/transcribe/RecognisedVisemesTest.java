package org.opentalks.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.AudioVisemes;
import org.opentalks.speech.EspeakTruth;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.WordTiming;

class RecognisedVisemesTest {
    private final RecognisedVisemes visemes = new RecognisedVisemes();

    @Test
    void closesTheLipsOnEveryPbmWordAndRestsInThePauses() {
        Recording r = Recording.get();
        VisemeTrack track = visemes.track(r.transcript, r.pcm.sampleRate(), "audio:test");
        assertTiles(track, r.pcm.durationSeconds());

        List<EspeakTruth.Word> pbmWords = r.truth.stream().filter(EspeakTruth.Word::hasLipClosure).toList();
        assertTrue(pbmWords.size() >= 12, pbmWords::toString);
        for (EspeakTruth.Word word : pbmWords) {
            // Where espeak said the word (a recogniser's boundary may be a frame or two off).
            assertTrue(closureWithin(track, word.start() - 0.06, word.end() + 0.06, 0.04),
                    "no closed lips for '" + word.word() + "' " + word + " in " + around(track, word));
        }
        for (EspeakTruth.Pause pause : r.pauses) {
            for (double t = pause.start() + 0.1; t < pause.end() - 0.1; t += 0.01) {
                assertEquals(Viseme.REST, track.at(t), "at " + t + " s, inside the pause " + pause);
            }
        }
    }

    @Test
    void findsMoreOfEspeaksLipClosuresThanTheLoudnessAlone() {
        Recording r = Recording.get();
        VisemeTrack fromWords = visemes.track(r.transcript, r.pcm.sampleRate(), "audio:test");
        VisemeTrack fromAudio = new AudioVisemes().track(r.pcm, "audio:test");
        int closures = 0;
        int byWords = 0;
        int byAudio = 0;
        for (PhonemeTiming p : r.speech.phonemes()) {
            if (!List.of("p", "b", "m").contains(p.phoneme())) {
                continue;
            }
            closures++;
            byWords += closureWithin(fromWords, p.start() - 0.05, p.end() + 0.05, 0.02) ? 1 : 0;
            byAudio += closureWithin(fromAudio, p.start() - 0.05, p.end() + 0.05, 0.02) ? 1 : 0;
        }
        System.out.printf("espeak's %d p/b/m phones shown as closed lips: %d from the recognised words, "
                + "%d from the audio alone%n", closures, byWords, byAudio);
        assertTrue(byWords >= 0.9 * closures, byWords + " of " + closures);
        assertTrue(byWords >= byAudio, byWords + " against " + byAudio);
    }

    @Test
    void phonesShareTheWordByTypicalDurationsAndClosuresLastLongEnough() {
        // "bob" recognised in 0.2 s: b 85, 0 230, b 85 ms typical; both closures raised to 50 ms.
        VisemeTrack track = visemes.track(List.of(new WordTiming("bob", 0.5, 0.7)), 1.0, 16_000, "t");
        assertTiles(track, 1.0);
        List<VisemeSegment> s = track.segments();
        assertEquals(List.of(Viseme.REST, Viseme.PBM, Viseme.AA, Viseme.PBM, Viseme.REST),
                s.stream().map(VisemeSegment::viseme).toList());
        assertEquals(0.05, s.get(1).end() - s.get(1).start(), 1e-9);
        assertEquals(0.05, s.get(3).end() - s.get(3).start(), 1e-9);

        double[] hello = RecognisedVisemes.lengths(List.of("h", "@", "l", "oU"), 0.5);
        assertEquals(0.5, hello[0] + hello[1] + hello[2] + hello[3], 1e-9);
        assertEquals(220.0 / 120, hello[3] / hello[1], 1e-9, "oU twice as long as the schwa, by the table");
    }

    @Test
    void wordsCloserThanAPauseMeetAndLongerGapsRest() {
        VisemeTrack track = visemes.track(List.of(new WordTiming("see", 0.2, 0.5), new WordTiming("you", 0.55, 0.8),
                new WordTiming("soon", 1.2, 1.6)), 2.0, 16_000, "t");
        assertTiles(track, 2.0);
        assertTrue(track.at(0.52) != Viseme.REST && track.at(0.53) != Viseme.REST, "a 50 ms gap is no pause");
        assertEquals(Viseme.REST, track.at(1.0), "a 400 ms gap is");
        assertEquals(Viseme.REST, track.at(0.1));
        assertEquals(Viseme.REST, track.at(1.8));
        assertTrue(visemes.track(List.of(), 1.5, 16_000, "t").segments().stream()
                .allMatch(seg -> seg.viseme() == Viseme.REST), "nothing heard, nothing said");
    }

    private static boolean closureWithin(VisemeTrack track, double from, double to, double minimum) {
        for (VisemeSegment s : track.segments()) {
            double overlap = Math.min(s.end(), to) - Math.max(s.start(), from);
            if (s.viseme() == Viseme.PBM && overlap > 0 && s.end() - s.start() >= minimum - 1e-9) {
                return true;
            }
        }
        return false;
    }

    private static String around(VisemeTrack track, EspeakTruth.Word word) {
        return track.segments().stream().filter(s -> s.end() > word.start() - 0.2 && s.start() < word.end() + 0.2)
                .toList().toString();
    }

    static void assertTiles(VisemeTrack track, double duration) {
        assertEquals(duration, track.durationSeconds(), 1e-9);
        double at = 0;
        for (VisemeSegment s : track.segments()) {
            assertEquals(at, s.start(), 1e-9, "contiguous");
            assertTrue(s.end() > s.start(), s::toString);
            at = s.end();
        }
        assertEquals(duration, at, 1e-9);
    }
}
