package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebVTT (W3C, "WebVTT: The Web Video Text Tracks Format"): writes cues after a {@code WEBVTT} header, each
 * with a numeric identifier, a timing line {@code HH:MM:SS.mmm --> HH:MM:SS.mmm} and its lines of text, blocks
 * separated by blank lines; {@code &}, {@code <} and {@code >} in the text are escaped as character
 * references, since the cue text is markup. Reads what it writes and the rest of the format's cue syntax:
 * hours optional, cue settings after the times, NOTE, STYLE and REGION blocks, character references. Markup tags
 * ({@code <v Roger>}, {@code <b>}) are kept as written.
 */
public final class WebVtt {
    public static final String MEDIA_TYPE = "text/vtt";

    private static final String TIMESTAMP = "(?:(\\d{2,}):)?(\\d{2}):(\\d{2})\\.(\\d{3})";
    private static final Pattern TIMING = CueTimes.timingLine(TIMESTAMP);
    private static final Pattern HEADER = Pattern.compile("^WEBVTT(?:[ \\t].*)?$");
    private static final Pattern REFERENCE = Pattern.compile("&(?:#(\\d+)|#[xX]([0-9a-fA-F]+)|([a-zA-Z]+));");

    private WebVtt() {
    }

    /** The WebVTT document of {@code cues}, lines ending in LF. */
    public static String write(List<SubtitleCue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        int number = 1;
        for (SubtitleCue cue : cues) {
            long[] span = CueTimes.span(cue);
            out.append('\n').append(number++).append('\n')
                    .append(CueTimes.format(span[0], '.')).append(" --> ").append(CueTimes.format(span[1], '.'))
                    .append('\n');
            for (String line : cue.lines()) {
                out.append(escape(line)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The cues of a WebVTT document, in document order.
     *
     * @throws SubtitleFormatException naming the line that is not WebVTT
     */
    public static List<SubtitleCue> parse(String document) {
        List<CueTimes.Block> blocks = CueTimes.blocks(document);
        if (blocks.isEmpty() || !HEADER.matcher(blocks.get(0).lines().get(0)).matches()
                || blocks.get(0).firstLine() != 1) {
            throw new SubtitleFormatException("line 1: a WebVTT file must start with the line WEBVTT");
        }
        List<SubtitleCue> cues = new ArrayList<>();
        // The header block may hold metadata lines, never a cue; the rest are cues or NOTE/STYLE/REGION.
        for (CueTimes.Block block : blocks.subList(1, blocks.size())) {
            String first = block.lines().get(0);
            if (first.matches("^(NOTE|STYLE|REGION)(?:[ \\t].*)?$")) {
                continue;
            }
            int timing = first.contains("-->") ? 0 : 1;
            if (timing >= block.lines().size()) {
                throw new SubtitleFormatException("line " + block.firstLine() + ": expected a cue timing line "
                        + "'HH:MM:SS.mmm --> HH:MM:SS.mmm' after the identifier '" + first + "'");
            }
            int lineNumber = block.firstLine() + timing;
            Matcher m = TIMING.matcher(block.lines().get(timing));
            if (!m.matches() || !CueTimes.validClock(m, 1) || !CueTimes.validClock(m, 5)) {
                throw new SubtitleFormatException("line " + lineNumber + ": '" + block.lines().get(timing)
                        + "' is not a cue timing line 'HH:MM:SS.mmm --> HH:MM:SS.mmm'");
            }
            double start = CueTimes.seconds(m, 1);
            double end = CueTimes.seconds(m, 5);
            if (!(end > start)) {
                throw new SubtitleFormatException("line " + lineNumber + ": the cue ends at or before it starts");
            }
            List<String> lines = new ArrayList<>();
            for (String line : block.lines().subList(timing + 1, block.lines().size())) {
                if (line.contains("-->")) {
                    throw new SubtitleFormatException("line " + (lineNumber + 1 + lines.size())
                            + ": cue text may not contain '-->'; separate cues with a blank line");
                }
                lines.add(unescape(line));
            }
            if (lines.isEmpty()) {
                throw new SubtitleFormatException("line " + lineNumber + ": the cue has no text");
            }
            cues.add(new SubtitleCue(start, end, lines));
        }
        return cues;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String unescape(String text) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group(1) != null || m.group(2) != null) {
                int code = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
                replacement = Character.isValidCodePoint(code) ? new String(Character.toChars(code)) : m.group();
            } else {
                replacement = switch (m.group(3)) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "nbsp" -> "\u00A0";
                    case "lrm" -> "\u200E";
                    case "rlm" -> "\u200F";
                    default -> m.group();
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
