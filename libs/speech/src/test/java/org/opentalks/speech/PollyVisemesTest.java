package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

class PollyVisemesTest {

    final VisemeMapper mapper = new VisemeMapper();

    @Test
    void everyVisemePollyDocumentsHasAShape() {
        Map<String, Viseme> expected = Map.ofEntries(
                Map.entry("sil", Viseme.REST), Map.entry("p", Viseme.PBM), Map.entry("f", Viseme.FV),
                Map.entry("T", Viseme.TH), Map.entry("t", Viseme.CONSONANT), Map.entry("S", Viseme.CONSONANT),
                Map.entry("s", Viseme.CONSONANT), Map.entry("k", Viseme.CONSONANT), Map.entry("r", Viseme.CONSONANT),
                Map.entry("l", Viseme.CONSONANT), Map.entry("i", Viseme.EE), Map.entry("a", Viseme.AA),
                Map.entry("e", Viseme.EH), Map.entry("E", Viseme.EH), Map.entry("@", Viseme.EH),
                Map.entry("o", Viseme.OH), Map.entry("O", Viseme.OH), Map.entry("u", Viseme.UW));
        expected.forEach((name, viseme) -> assertEquals(viseme, mapper.viseme(PhoneSet.POLLY_VISEME, name), name));
    }

    @Test
    void caseMattersAndUnknownNamesAreConsonants() {
        assertEquals(Viseme.TH, mapper.viseme(PhoneSet.POLLY_VISEME, "T"));
        assertEquals(Viseme.CONSONANT, mapper.viseme(PhoneSet.POLLY_VISEME, "t"));
        assertEquals(Viseme.CONSONANT, mapper.viseme(PhoneSet.POLLY_VISEME, "J"));
        assertEquals(Viseme.REST, mapper.viseme(PhoneSet.POLLY_VISEME, ""));
        assertEquals(Viseme.REST, mapper.viseme(PhoneSet.POLLY_VISEME, "_"), "a renderer's pause");
    }

    @Test
    void aTrackOfPollyMarksMergesAndCoversTheAudio() {
        // "Mama" as Polly marks it: sil p a p a sil.
        List<PhonemeTiming> phones = List.of(new PhonemeTiming("sil", 0, 0.05), new PhonemeTiming("p", 0.05, 0.12),
                new PhonemeTiming("a", 0.12, 0.25), new PhonemeTiming("p", 0.25, 0.31),
                new PhonemeTiming("a", 0.31, 0.45));
        Speech speech = new Speech(new short[8000], 16_000, phones, "Joanna", "amazon", PhoneSet.POLLY_VISEME,
                List.of(new WordTiming("Mama", 0.05, 0.45)));
        VisemeTrack track = mapper.track(speech);
        List<Viseme> shapes = track.segments().stream().map(VisemeSegment::viseme).toList();
        assertEquals(List.of(Viseme.REST, Viseme.PBM, Viseme.AA, Viseme.PBM, Viseme.AA, Viseme.REST), shapes);
        assertEquals(0.5, track.segments().get(track.segments().size() - 1).end(), 1e-9);
        assertEquals("amazon:Joanna", track.voice());
    }
}
