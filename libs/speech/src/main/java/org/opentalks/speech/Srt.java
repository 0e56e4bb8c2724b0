package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SubRip (SRT): cues numbered from 1, each a number line, a timing line {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}
 * and its lines of text, separated by blank lines. The text is written as is: SRT has no escaping. The reader
 * also takes the full stop some writers put before the milliseconds, and timing lines with coordinates after.
 */
public final class Srt {
    public static final String MEDIA_TYPE = "application/x-subrip";

    private static final String TIMESTAMP = "(\\d{2,}):(\\d{2}):(\\d{2})[,.](\\d{3})";
    private static final Pattern TIMING = CueTimes.timingLine(TIMESTAMP);

    private Srt() {
    }

    /** The SRT document of {@code cues}, lines ending in LF. */
    public static String write(List<SubtitleCue> cues) {
        StringBuilder out = new StringBuilder();
        int number = 1;
        for (SubtitleCue cue : cues) {
            long[] span = CueTimes.span(cue);
            if (number > 1) {
                out.append('\n');
            }
            out.append(number++).append('\n')
                    .append(CueTimes.format(span[0], ',')).append(" --> ").append(CueTimes.format(span[1], ','))
                    .append('\n');
            for (String line : cue.lines()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The cues of an SRT document, in document order.
     *
     * @throws SubtitleFormatException naming the line that is not SRT
     */
    public static List<SubtitleCue> parse(String document) {
        List<SubtitleCue> cues = new ArrayList<>();
        for (CueTimes.Block block : CueTimes.blocks(document)) {
            List<String> lines = block.lines();
            if (!lines.get(0).strip().matches("\\d+")) {
                throw new SubtitleFormatException("line " + block.firstLine() + ": expected a cue number, found '"
                        + lines.get(0) + "'");
            }
            if (lines.size() < 2) {
                throw new SubtitleFormatException("line " + block.firstLine() + ": cue " + lines.get(0).strip()
                        + " has no timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm'");
            }
            int lineNumber = block.firstLine() + 1;
            Matcher m = TIMING.matcher(lines.get(1));
            if (!m.matches() || !CueTimes.validClock(m, 1) || !CueTimes.validClock(m, 5)) {
                throw new SubtitleFormatException("line " + lineNumber + ": '" + lines.get(1)
                        + "' is not a timing line 'HH:MM:SS,mmm --> HH:MM:SS,mmm'");
            }
            double start = CueTimes.seconds(m, 1);
            double end = CueTimes.seconds(m, 5);
            if (!(end > start)) {
                throw new SubtitleFormatException("line " + lineNumber + ": the cue ends at or before it starts");
            }
            if (lines.size() < 3) {
                throw new SubtitleFormatException("line " + lineNumber + ": cue " + lines.get(0).strip()
                        + " has no text");
            }
            cues.add(new SubtitleCue(start, end, lines.subList(2, lines.size())));
        }
        return cues;
    }
}
