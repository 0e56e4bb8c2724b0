package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

class ArpabetVisemesTest {

    @Test
    void mapsCmuPhonesToMouthShapes() {
        VisemeMapper mapper = new VisemeMapper();
        for (String p : List.of("p", "b", "m", "em")) {
            assertEquals(Viseme.PBM, mapper.viseme(PhoneSet.ARPABET, p), p);
        }
        assertEquals(Viseme.FV, mapper.viseme(PhoneSet.ARPABET, "f"));
        assertEquals(Viseme.TH, mapper.viseme(PhoneSet.ARPABET, "dh"));
        assertEquals(Viseme.EE, mapper.viseme(PhoneSet.ARPABET, "iy"));
        assertEquals(Viseme.AA, mapper.viseme(PhoneSet.ARPABET, "aa"));
        assertEquals(Viseme.EH, mapper.viseme(PhoneSet.ARPABET, "ax"));
        assertEquals(Viseme.OH, mapper.viseme(PhoneSet.ARPABET, "ow"));
        assertEquals(Viseme.UW, mapper.viseme(PhoneSet.ARPABET, "uw"));
        assertEquals(Viseme.CONSONANT, mapper.viseme(PhoneSet.ARPABET, "s"));
        assertEquals(Viseme.REST, mapper.viseme(PhoneSet.ARPABET, "pau"));
        // CMUdict's stress digits and upper case, as dictionaries write them.
        assertEquals(Viseme.AA, mapper.viseme(PhoneSet.ARPABET, "AY1"));
        assertEquals(Viseme.EH, mapper.viseme(PhoneSet.ARPABET, "er0"));
    }

    @Test
    void closesTheLipsOnEveryBilabialFliteSpeaks() {
        Speech speech = FliteSltTest.ENGINE.speak("Bob made a map of my bump.", FliteSltTest.ENGINE.voices().stream()
                .filter(v -> v.id().equals("slt")).findFirst().orElseThrow(), Prosody.NEUTRAL);
        VisemeTrack track = new VisemeMapper().track(speech);
        long bilabials = speech.phonemes().stream().filter(p -> List.of("p", "b", "m").contains(p.phoneme())).count();
        long closures = track.segments().stream().filter(s -> s.viseme() == Viseme.PBM).count();
        assertTrue(bilabials >= 8, "phones " + speech.phonemes());
        assertTrue(closures >= 7, "PBM segments " + closures + " for " + bilabials + " bilabials");
        VisemeSegment last = track.segments().get(track.segments().size() - 1);
        assertEquals(speech.durationSeconds(), last.end(), 1e-9);
    }
}
