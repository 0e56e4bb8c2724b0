package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebVttTest {
    static final List<SubtitleCue> CUES = List.of(
            new SubtitleCue(0.5, 2.25, List.of("Hello & welcome <everyone>,", "to the show.")),
            new SubtitleCue(2.25, 4.0004, List.of("Ready?")),
            new SubtitleCue(3723.456, 3725.0, List.of("An hour later: caf\u00e9 -> bar")));

    @Test
    void writesTheHeaderTimesAndEscapesExactly() {
        assertEquals("""
                WEBVTT

                1
                00:00:00.500 --> 00:00:02.250
                Hello &amp; welcome &lt;everyone&gt;,
                to the show.

                2
                00:00:02.250 --> 00:00:04.000
                Ready?

                3
                01:02:03.456 --> 01:02:05.000
                An hour later: caf\u00e9 -&gt; bar
                """, WebVtt.write(CUES));
    }

    @Test
    void readsWhatItWritesBackToTheMillisecond() {
        List<SubtitleCue> back = WebVtt.parse(WebVtt.write(CUES));
        assertEquals(CUES.size(), back.size());
        for (int i = 0; i < CUES.size(); i++) {
            assertEquals(CUES.get(i).lines(), back.get(i).lines());
            assertEquals(CUES.get(i).start(), back.get(i).start(), 0.0005);
            assertEquals(CUES.get(i).end(), back.get(i).end(), 0.0005);
        }
    }

    @Test
    void readsTheRestOfTheFormat() {
        String document = "\uFEFFWEBVTT - made elsewhere\r\nKind: captions\r\n\r\nNOTE a comment\r\nover two lines\r\n"
                + "\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\nintro\r\n00:01.000 --> 00:02.500 align:start line:0\r\n"
                + "<v Roger>Hi&nbsp;there &#233;&#x41;\r\n\r\n\r\n00:00:03.000 --> 00:00:04.000\r\nNo id\r\n";
        List<SubtitleCue> cues = WebVtt.parse(document);
        assertEquals(2, cues.size());
        assertEquals(new SubtitleCue(1.0, 2.5, List.of("<v Roger>Hi\u00a0there \u00e9A")), cues.get(0));
        assertEquals(new SubtitleCue(3.0, 4.0, List.of("No id")), cues.get(1));
    }

    @Test
    void refusesWhatIsNotWebVttNamingTheLine() {
        assertMessage("line 1", () -> WebVtt.parse("1\n00:00:01,000 --> 00:00:02,000\nSRT, not WebVTT\n"));
        assertMessage("line 3", () -> WebVtt.parse("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\ncomma\n"));
        assertMessage("line 4", () -> WebVtt.parse("WEBVTT\n\nid\n00:00:03.000 --> 00:00:02.000\nbackwards\n"));
        assertMessage("line 3", () -> WebVtt.parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"));
        assertMessage("line 3", () -> WebVtt.parse("WEBVTT\n\n00:61.000 --> 00:62.000\nno such minute\n"));
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable parse) {
        SubtitleFormatException e = assertThrows(SubtitleFormatException.class, parse);
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
