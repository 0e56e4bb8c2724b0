package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SsmlParserTest {

    @Test
    void aFragmentWithoutSpeakIsReadAsIfItHadOne() {
        assertEquals(new Utterance(List.of(new Utterance.Text("Hello", Prosody.NEUTRAL), new Utterance.Break(0.5),
                        new Utterance.Text("there.", Prosody.NEUTRAL))),
                SsmlParser.parse("Hello <break time=\"500ms\"/> there."));
        assertEquals(SsmlParser.parse("Hello <break time=\"500ms\"/> there."),
                SsmlParser.parse("<speak version=\"1.0\" xml:lang=\"en-US\">Hello <break time='0.5s'/> there.</speak>"));
    }

    @Test
    void breaksTakeATimeOrAStrength() {
        assertEquals(List.of(new Utterance.Break(2.0)), SsmlParser.parse("<break time=\"2s\"/>").parts());
        assertEquals(List.of(new Utterance.Break(0.75)), SsmlParser.parse("<break/>").parts());
        assertEquals(List.of(new Utterance.Break(1.25)), SsmlParser.parse("<break strength=\"x-strong\"/>").parts());
        assertThrows(InvalidSsmlException.class, () -> SsmlParser.parse("<break time=\"soon\"/>"));
        assertThrows(InvalidSsmlException.class, () -> SsmlParser.parse("<break time=\"90s\"/>"));
    }

    @Test
    void prosodyNestsAndEmphasisStresses() {
        Utterance u = SsmlParser.parse("<prosody rate=\"x-fast\">quick <prosody pitch=\"+6st\">and high</prosody>"
                + "</prosody> <emphasis level=\"strong\">now</emphasis>");
        assertEquals(new Utterance.Text("quick", new Prosody(2, 0, 0)), u.parts().get(0));
        assertEquals(new Utterance.Text("and high", new Prosody(2, 6, 0)), u.parts().get(1));
        Utterance.Text stressed = (Utterance.Text) u.parts().get(2);
        assertTrue(stressed.prosody().rate() < 1 && stressed.prosody().volumeDb() > 0, stressed::toString);
    }

    @Test
    void sayAsSubAndPhonemeBecomeWhatIsPronounced() {
        assertEquals("Call A B C now", SsmlParser.parse("Call <say-as interpret-as=\"characters\">ABC</say-as> now")
                .text());
        assertEquals("dial 1 2 3", SsmlParser.parse("dial <say-as interpret-as=\"digits\">123</say-as>").text());
        assertEquals("World Wide Web Consortium", SsmlParser.parse("<sub alias=\"World Wide Web Consortium\">W3C</sub>")
                .text());
        assertEquals(new Utterance.Phonemes("ipa", "təˈmɑːtoʊ", "tomato", Prosody.NEUTRAL),
                SsmlParser.parse("<phoneme alphabet=\"ipa\" ph=\"təˈmɑːtoʊ\">tomato</phoneme>").parts().get(0));
    }

    @Test
    void azureContainersAreReadThrough() {
        assertEquals("Good news!", SsmlParser.parse("<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" "
                + "xmlns:mstts=\"https://www.w3.org/2001/mstts\"><voice name=\"en-US-JennyNeural\">"
                + "<mstts:express-as style=\"cheerful\">Good news!</mstts:express-as></voice></speak>").text());
        assertEquals("Undeclared prefix.", SsmlParser.parse("<mstts:express-as style=\"sad\">Undeclared prefix."
                + "</mstts:express-as>").text());
    }

    @Test
    void invalidSsmlIsRefusedWithAReason() {
        for (String bad : List.of("<speak>unclosed", "Hello <break time=\"1s\">", "<blink>hi</blink>",
                "<prosody rate=\"warp\">x</prosody>", "<sub>W3C</sub>", "<say-as>12</say-as>",
                "<?xml version=\"1.0\"?><!DOCTYPE speak [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><speak>&x;</speak>",
                "<audio src=\"x\">fallback</audio><video/>", "a & b")) {
            InvalidSsmlException e = assertThrows(InvalidSsmlException.class, () -> SsmlParser.parse(bad), bad);
            assertTrue(e.getMessage().length() > 10, bad);
        }
    }
}
