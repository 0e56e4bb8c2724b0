package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SrtTest {
    @Test
    void writesNumberedBlankLineSeparatedCuesWithCommaMilliseconds() {
        assertEquals("""
                1
                00:00:00,500 --> 00:00:02,250
                Hello & welcome <everyone>,
                to the show.

                2
                00:00:02,250 --> 00:00:04,000
                Ready?

                3
                01:02:03,456 --> 01:02:05,000
                An hour later: caf\u00e9 -> bar
                """, Srt.write(WebVttTest.CUES));
    }

    @Test
    void readsWhatItWritesBackToTheMillisecond() {
        List<SubtitleCue> back = Srt.parse(Srt.write(WebVttTest.CUES));
        assertEquals(WebVttTest.CUES.size(), back.size());
        for (int i = 0; i < back.size(); i++) {
            assertEquals(WebVttTest.CUES.get(i).lines(), back.get(i).lines());
            assertEquals(WebVttTest.CUES.get(i).start(), back.get(i).start(), 0.0005);
            assertEquals(WebVttTest.CUES.get(i).end(), back.get(i).end(), 0.0005);
        }
    }

    @Test
    void readsCrlfBomAndAFullStopBeforeTheMilliseconds() {
        assertEquals(List.of(new SubtitleCue(1.0, 2.0, List.of("one", "two")), new SubtitleCue(100.0, 101.5,
                List.of("three"))), Srt.parse("\uFEFF1\r\n00:00:01.000 --> 00:00:02,000 X1:0 X2:10\r\none\r\ntwo\r\n"
                + "\r\n\r\n2\r\n00:01:40,000 --> 00:01:41,500\r\nthree"));
    }

    @Test
    void refusesWhatIsNotSrtNamingTheLine() {
        WebVttTest.assertMessage("line 1", () -> Srt.parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n"));
        WebVttTest.assertMessage("line 2", () -> Srt.parse("1\n00:00:01 --> 00:00:02\nno milliseconds\n"));
        WebVttTest.assertMessage("line 6", () -> Srt.parse("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n"
                + "00:00:03,000 --> 00:00:04,000\n"));
    }
}
