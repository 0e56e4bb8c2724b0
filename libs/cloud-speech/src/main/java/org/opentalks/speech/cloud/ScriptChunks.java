package org.opentalks.speech.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * Plain text cut into pieces a provider accepts in one request (Polly takes 3000 characters, Google 5000
 * bytes, D-ID scripts run to 40 000 characters): whole sentences where they fit, else clauses, else words,
 * else characters.
 */
final class ScriptChunks {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;。！？])\\s+|\\n\\s*");
    private static final Pattern CLAUSE_END = Pattern.compile("(?<=[,;:、，])\\s+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private ScriptChunks() {
    }

    /** {@code text} in order, each piece's {@code size} at most {@code max}; blank pieces are dropped. */
    static List<String> split(String text, ToIntFunction<String> size, int max) {
        List<String> out = new ArrayList<>();
        if (size.applyAsInt(text.strip()) <= max) {
            if (!text.isBlank()) {
                out.add(text.strip());
            }
            return out;
        }
        StringBuilder current = new StringBuilder();
        for (String unit : units(text, size, max)) {
            String joined = current.isEmpty() ? unit : current + " " + unit;
            if (size.applyAsInt(joined) <= max) {
                current.setLength(0);
                current.append(joined);
            } else {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                }
                current.setLength(0);
                current.append(unit);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    /** The text's sentences, those too long cut into clauses, words and characters. */
    private static List<String> units(String text, ToIntFunction<String> size, int max) {
        List<String> units = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(text)) {
            cut(sentence.strip(), size, max, 0, units);
        }
        return units;
    }

    private static void cut(String piece, ToIntFunction<String> size, int max, int level, List<String> units) {
        if (piece.isEmpty()) {
            return;
        }
        if (size.applyAsInt(piece) <= max) {
            units.add(piece);
            return;
        }
        if (level == 0 || level == 1) {
            String[] parts = (level == 0 ? CLAUSE_END : SPACE).split(piece);
            if (parts.length > 1) {
                for (String part : parts) {
                    cut(part.strip(), size, max, level + 1, units);
                }
                return;
            }
            cut(piece, size, max, level + 1, units);
            return;
        }
        // One word longer than a request: cut by code points.
        StringBuilder part = new StringBuilder();
        piece.codePoints().forEach(cp -> {
            String next = part.toString() + Character.toString(cp);
            if (size.applyAsInt(next) > max && !part.isEmpty()) {
                units.add(part.toString());
                part.setLength(0);
            }
            part.appendCodePoint(cp);
        });
        if (!part.isEmpty()) {
            units.add(part.toString());
        }
    }
}
