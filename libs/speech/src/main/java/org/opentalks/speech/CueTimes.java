package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Timestamps and blocks shared by the WebVTT and SRT readers and writers. */
final class CueTimes {
    private CueTimes() {
    }

    /** Milliseconds, rounded, of a time in seconds. */
    static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }

    /** {@code HH:MM:SS<separator>mmm}; hours take more digits past 99. */
    static String format(long millis, char separator) {
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        return String.format("%02d:%02d:%02d%c%03d", hours, minutes, seconds, separator, millis % 1000);
    }

    /** The times of a cue, in whole milliseconds, the end at least 1 ms after the start. */
    static long[] span(SubtitleCue cue) {
        long start = millis(cue.start());
        return new long[] {start, Math.max(start + 1, millis(cue.end()))};
    }

    /** Seconds of a timestamp matched by a pattern with groups hours (optional), minutes, seconds, millis. */
    static double seconds(Matcher m, int firstGroup) {
        String hours = m.group(firstGroup);
        long h = hours == null ? 0 : Long.parseLong(hours);
        long minutes = Long.parseLong(m.group(firstGroup + 1));
        long seconds = Long.parseLong(m.group(firstGroup + 2));
        long millis = Long.parseLong(m.group(firstGroup + 3));
        return (h * 3600 + minutes * 60 + seconds) + millis / 1000.0;
    }

    static boolean validClock(Matcher m, int firstGroup) {
        return Long.parseLong(m.group(firstGroup + 1)) < 60 && Long.parseLong(m.group(firstGroup + 2)) < 60;
    }

    /** A block of non-blank lines and the 1-based number of its first line. */
    record Block(int firstLine, List<String> lines) {
    }

    /** The document's blocks: runs of non-blank lines, any line ending (CRLF, CR, LF), a leading BOM dropped. */
    static List<Block> blocks(String document) {
        String text = document.startsWith("\uFEFF") ? document.substring(1) : document;
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Block> blocks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(new Block(first, List.copyOf(current)));
                    current.clear();
                }
            } else {
                if (current.isEmpty()) {
                    first = i + 1;
                }
                current.add(lines[i]);
            }
        }
        if (!current.isEmpty()) {
            blocks.add(new Block(first, List.copyOf(current)));
        }
        return blocks;
    }

    static Pattern timingLine(String timestamp) {
        return Pattern.compile("^\\s*" + timestamp + "[ \\t]+-->[ \\t]+" + timestamp + "(?:[ \\t].*)?$");
    }
}
