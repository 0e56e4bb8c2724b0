package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;

class LetterVisemesTest {

    final VisemeMapper mapper = new VisemeMapper();

    @Test
    void lettersTakeTheirUsualShape() {
        Map<String, Viseme> expected = Map.ofEntries(
                Map.entry("m", Viseme.PBM), Map.entry("B", Viseme.PBM), Map.entry("p", Viseme.PBM),
                Map.entry("f", Viseme.FV), Map.entry("V", Viseme.FV),
                Map.entry("a", Viseme.AA), Map.entry("e", Viseme.EH), Map.entry("i", Viseme.EE),
                Map.entry("y", Viseme.EE), Map.entry("o", Viseme.OH), Map.entry("u", Viseme.UW),
                Map.entry("w", Viseme.UW), Map.entry("t", Viseme.CONSONANT), Map.entry("s", Viseme.CONSONANT),
                Map.entry("k", Viseme.CONSONANT), Map.entry("ß", Viseme.CONSONANT));
        expected.forEach((letter, viseme) -> assertEquals(viseme, mapper.viseme(PhoneSet.LETTERS, letter), letter));
    }

    @Test
    void digraphsAccentsAndOtherScripts() {
        assertEquals(Viseme.TH, mapper.viseme(PhoneSet.LETTERS, "Th"));
        assertEquals(Viseme.FV, mapper.viseme(PhoneSet.LETTERS, "ph"));
        assertEquals(Viseme.UW, mapper.viseme(PhoneSet.LETTERS, "wh"));
        assertEquals(Viseme.EH, mapper.viseme(PhoneSet.LETTERS, "é"));
        assertEquals(Viseme.UW, mapper.viseme(PhoneSet.LETTERS, "ü"));
        assertEquals(Viseme.AA, mapper.viseme(PhoneSet.LETTERS, "À"));
        assertEquals(Viseme.PBM, mapper.viseme(PhoneSet.LETTERS, "м"));
        assertEquals(Viseme.OH, mapper.viseme(PhoneSet.LETTERS, "о"));
        assertEquals(Viseme.TH, mapper.viseme(PhoneSet.LETTERS, "θ"));
        assertEquals(Viseme.CONSONANT, mapper.viseme(PhoneSet.LETTERS, "ж"));
        // A kana or a hanzi is a syllable.
        assertEquals(Viseme.EH, mapper.viseme(PhoneSet.LETTERS, "か"));
        assertEquals(Viseme.EH, mapper.viseme(PhoneSet.LETTERS, "7"));
    }

    @Test
    void spacesPunctuationAndPausesRest() {
        for (String c : List.of(" ", ",", ".", "!", "'", "-", "_", "\n", "")) {
            assertEquals(Viseme.REST, mapper.viseme(PhoneSet.LETTERS, c), "'" + c + "'");
        }
    }

    @Test
    void aTrackOfCharacterTimings() {
        // "Hi mom", one phone per character as ElevenLabs times them.
        String text = "Hi mom";
        List<PhonemeTiming> phones = new java.util.ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            phones.add(new PhonemeTiming(text.substring(i, i + 1), i * 0.1, (i + 1) * 0.1));
        }
        Speech speech = new Speech(new short[16_000 * 6 / 10], 16_000, phones, "voice", "elevenlabs",
                PhoneSet.LETTERS, List.of());
        List<Viseme> shapes = mapper.track(speech).segments().stream().map(VisemeSegment::viseme).toList();
        assertEquals(List.of(Viseme.CONSONANT, Viseme.EE, Viseme.REST, Viseme.PBM, Viseme.OH, Viseme.PBM), shapes);
    }
}
