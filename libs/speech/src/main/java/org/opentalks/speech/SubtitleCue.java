package org.opentalks.speech;

import java.util.List;

/**
 * One subtitle: the lines shown from {@code start} to {@code end}, in seconds from the start of the audio.
 *
 * @param lines the text as it is laid out on screen, one entry a line, top first
 */
public record SubtitleCue(double start, double end, List<String> lines) {
    public SubtitleCue {
        if (!(start >= 0 && end > start)) {
            throw new IllegalArgumentException("a cue must end after it starts, at or after 0: " + start + ".." + end);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a cue needs at least one line of text");
        }
        for (String line : lines) {
            if (line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a cue line must be one non-blank line of text: '" + line + "'");
            }
        }
    }

    /** The lines joined by line breaks. */
    public String text() {
        return String.join("\n", lines);
    }

    /** Whether the cue is shown at {@code t} seconds: from its start, up to but not including its end. */
    public boolean isShownAt(double t) {
        return t >= start && t < end;
    }
}
