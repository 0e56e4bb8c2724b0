package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

class VisemeMapperTest {

    static EspeakSynthesizer tts;
    final VisemeMapper mapper = new VisemeMapper();

    @BeforeAll
    static void start() {
        tts = new EspeakSynthesizer();
    }

    @AfterAll
    static void stop() {
        tts.close();
    }

    @Test
    void mapsWhatEspeakEmits() {
        Map<String, Viseme> expected = Map.ofEntries(
                Map.entry("_", Viseme.REST), Map.entry("_:", Viseme.REST), Map.entry("_!", Viseme.REST),
                Map.entry("(fr)", Viseme.REST),
                Map.entry("p", Viseme.PBM), Map.entry("b", Viseme.PBM), Map.entry("m", Viseme.PBM),
                Map.entry("pF", Viseme.PBM), Map.entry("B", Viseme.PBM),
                Map.entry("f", Viseme.FV), Map.entry("v", Viseme.FV),
                Map.entry("T", Viseme.TH), Map.entry("D", Viseme.TH),
                Map.entry("i:", Viseme.EE), Map.entry("I", Viseme.EE), Map.entry("j", Viseme.EE),
                Map.entry("i@3", Viseme.EE),
                Map.entry("a", Viseme.AA), Map.entry("A:", Viseme.AA), Map.entry("aI", Viseme.AA),
                Map.entry("aU", Viseme.AA), Map.entry("aa", Viseme.AA), Map.entry("V", Viseme.AA),
                Map.entry("0", Viseme.AA), Map.entry("A~", Viseme.AA), Map.entry("&~", Viseme.AA),
                Map.entry("e", Viseme.EH), Map.entry("E", Viseme.EH), Map.entry("eI", Viseme.EH),
                Map.entry("@", Viseme.EH), Map.entry("@2", Viseme.EH), Map.entry("@L", Viseme.EH),
                Map.entry("3:", Viseme.EH), Map.entry("3", Viseme.EH), Map.entry("E~", Viseme.EH),
                Map.entry("oU", Viseme.OH), Map.entry("O:", Viseme.OH), Map.entry("OI", Viseme.OH),
                Map.entry("O~", Viseme.OH), Map.entry("Y", Viseme.OH), Map.entry("W", Viseme.OH),
                Map.entry("u:", Viseme.UW), Map.entry("U", Viseme.UW), Map.entry("U@", Viseme.UW),
                Map.entry("w", Viseme.UW), Map.entry("y", Viseme.UW), Map.entry("y:", Viseme.UW),
                Map.entry("h", Viseme.CONSONANT), Map.entry("l", Viseme.CONSONANT), Map.entry("d", Viseme.CONSONANT),
                Map.entry("tS", Viseme.CONSONANT), Map.entry("dZ", Viseme.CONSONANT), Map.entry("N", Viseme.CONSONANT),
                Map.entry("S", Viseme.CONSONANT), Map.entry("Z", Viseme.CONSONANT), Map.entry("r", Viseme.CONSONANT),
                Map.entry("R2", Viseme.CONSONANT), Map.entry("t#", Viseme.CONSONANT), Map.entry("?", Viseme.CONSONANT));
        expected.forEach((phoneme, viseme) -> assertEquals(viseme, mapper.viseme(phoneme), phoneme));
    }

    @Test
    void unknownNamesFallBackWithoutThrowing() {
        assertEquals(Viseme.REST, mapper.viseme(null));
        assertEquals(Viseme.REST, mapper.viseme(""));
        assertEquals(Viseme.REST, mapper.viseme("_^_"));
        assertEquals(Viseme.PBM, mapper.viseme("m-"));
        assertEquals(Viseme.EE, mapper.viseme("iX9"));
        assertEquals(Viseme.CONSONANT, mapper.viseme("kx"));
        assertEquals(Viseme.CONSONANT, mapper.viseme("!!"));
    }

    @Test
    void bobBoughtAMapClosesTheLipsForEachLabial() {
        VisemeTrack track = mapper.track(tts.synthesize("Bob bought a map", "en-us"));
        List<String> labials = track.segments().stream().filter(s -> s.viseme() == Viseme.PBM)
                .map(VisemeSegment::phoneme).toList();
        // b-o-b | b-ough-t | a | m-a-p: the two adjacent b's merge into one closure.
        assertEquals(List.of("b", "b", "m", "p"), labials);
    }

    @Test
    void trackCoversTheSpeechWithRestInTheSilences() {
        Speech speech = tts.synthesize(EspeakSynthesizerTest.HELLO, "en-us");
        VisemeTrack track = mapper.track(speech);

        assertEquals("espeak-ng:en-us", track.voice());
        assertEquals(speech.sampleRate(), track.sampleRate());
        assertEquals(speech.durationSeconds(), track.durationSeconds(), 0.0);
        List<VisemeSegment> seg = track.segments();
        assertEquals(0.0, seg.get(0).start());
        assertEquals(track.durationSeconds(), seg.get(seg.size() - 1).end(), 0.0);
        for (int i = 1; i < seg.size(); i++) {
            assertEquals(seg.get(i - 1).end(), seg.get(i).start(), 0.0, "gap or overlap at " + i);
            assertTrue(seg.get(i).viseme() != seg.get(i - 1).viseme(), "unmerged neighbours at " + i);
        }
        // The silence between the sentences is REST, and the mouth moves through several shapes while speaking.
        VisemeSegment pause = seg.stream().filter(s -> s.viseme() == Viseme.REST && s.end() - s.start() > 0.2)
                .findFirst().orElseThrow(() -> new AssertionError("no REST for the sentence break: " + seg));
        assertEquals(Viseme.REST, track.at((pause.start() + pause.end()) / 2));
        assertTrue(pause.start() > 0.5 && pause.end() < track.durationSeconds() - 0.5, "break at " + pause);
        assertTrue(seg.stream().map(VisemeSegment::viseme).distinct().count() >= 7, "few shapes: " + seg);
    }

    @Test
    void trackFillsGapsAndCutsOverlapsInHandMadeSpeech() {
        Speech speech = new Speech(new short[100], 100, List.of(new PhonemeTiming("m", 0.1, 0.3),
                new PhonemeTiming("a", 0.25, 0.5), new PhonemeTiming("p", 0.6, 0.7)), "en-us");
        VisemeTrack track = mapper.track(speech);
        assertEquals(List.of(new VisemeSegment(Viseme.REST, 0, 0.1, "_"), new VisemeSegment(Viseme.PBM, 0.1, 0.3, "m"),
                new VisemeSegment(Viseme.AA, 0.3, 0.5, "a"), new VisemeSegment(Viseme.REST, 0.5, 0.6, "_"),
                new VisemeSegment(Viseme.PBM, 0.6, 0.7, "p"), new VisemeSegment(Viseme.REST, 0.7, 1.0, "_")),
                track.segments());
        assertFalse(mapper.track(new Speech(new short[0], 100, List.of(), "en-us")).segments().iterator().hasNext());
    }
}
