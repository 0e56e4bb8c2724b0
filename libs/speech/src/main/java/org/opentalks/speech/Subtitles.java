package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Subtitle cues from word timings, laid out the way broadcast guidelines ask (for instance the BBC's and
 * Netflix's timed-text style guides): at most {@value #MAX_LINES} lines of {@value #MAX_LINE_CHARS} characters,
 * at most {@value #MAX_CUE_SECONDS} s on screen, a new cue after a sentence ends and after a pause of
 * {@value #PAUSE_SECONDS} s or more, two lines broken where they are closest to equal (after a comma if that
 * is nearly as good). A cue stays up until at least {@value #MIN_CUE_SECONDS} s after it appears, or until the
 * next cue, or the end of the audio, whichever comes first; no cue reaches past the audio.
 */
public final class Subtitles {
    public static final int MAX_LINE_CHARS = 42;
    public static final int MAX_LINES = 2;
    public static final double MAX_CUE_SECONDS = 7.0;
    public static final double PAUSE_SECONDS = 0.5;
    public static final double MIN_CUE_SECONDS = 1.0;
    /** A break after a comma may leave the longer line this many characters longer than the best break. */
    private static final int CLAUSE_BREAK_BONUS = 8;
    /** At most this many words move on with a sentence's last word when a full cue would leave it alone. */
    private static final int CARRIED_WORDS = 3;
    /** Closing quotes and brackets that may follow a sentence's final mark. */
    private static final String CLOSERS = "\"'\u201d\u2019)]\u00bb";
    private static final String SENTENCE_ENDS = ".!?\u2026\u3002\uff01\uff1f";
    /** Abbreviations whose full stop does not end a sentence (English; others split early, which is harmless). */
    private static final Set<String> ABBREVIATIONS = Set.of("mr.", "mrs.", "ms.", "dr.", "prof.",
            "st.", "vs.", "e.g.", "i.e.", "jr.", "sr.");

    private Subtitles() {
    }

    /**
     * The cues for {@code words} (in order, as {@link ScriptWords} or a recogniser gives them) in audio of
     * {@code duration} seconds. Words that start at or after the end of the audio are left out.
     */
    public static List<SubtitleCue> cues(List<? extends WordTiming> words, double duration) {
        List<List<WordTiming>> groups = new ArrayList<>();
        List<WordTiming> group = new ArrayList<>();
        for (WordTiming word : pieces(words, duration)) {
            if (!group.isEmpty() && startsNewCue(group, word)) {
                List<WordTiming> carried = clauseTail(group, word);
                groups.add(new ArrayList<>(group.subList(0, group.size() - carried.size())));
                group = new ArrayList<>(carried);
            }
            group.add(word);
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        List<SubtitleCue> cues = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            List<WordTiming> cue = groups.get(g);
            double start = cue.get(0).start();
            double spoken = cue.get(cue.size() - 1).end();
            double next = g + 1 < groups.size() ? groups.get(g + 1).get(0).start() : duration;
            double end = Math.min(Math.max(spoken, start + MIN_CUE_SECONDS), Math.min(next, duration));
            end = Math.min(end, start + MAX_CUE_SECONDS);
            if (end > start) {
                cues.add(new SubtitleCue(start, end, lines(cue)));
            }
        }
        return cues;
    }

    /** The words inside the audio, a word too long for a line cut into line-sized pieces sharing its time. */
    private static List<WordTiming> pieces(List<? extends WordTiming> words, double duration) {
        List<WordTiming> out = new ArrayList<>(words.size());
        for (WordTiming w : words) {
            if (w.start() >= duration) {
                continue;
            }
            double end = Math.min(w.end(), duration);
            String text = w.word().strip();
            int n = (text.length() + MAX_LINE_CHARS - 1) / MAX_LINE_CHARS;
            for (int k = 0; k < n; k++) {
                String piece = text.substring(k * MAX_LINE_CHARS, Math.min(text.length(), (k + 1) * MAX_LINE_CHARS));
                double s = w.start() + (end - w.start()) * k / n;
                double e = w.start() + (end - w.start()) * (k + 1) / n;
                out.add(new WordTiming(piece, s, e));
            }
        }
        return out;
    }

    private static boolean startsNewCue(List<WordTiming> group, WordTiming next) {
        WordTiming previous = group.get(group.size() - 1);
        if (endsSentence(previous.word()) || next.start() - previous.end() >= PAUSE_SECONDS
                || next.end() - group.get(0).start() > MAX_CUE_SECONDS) {
            return true;
        }
        List<WordTiming> longer = new ArrayList<>(group);
        longer.add(next);
        return layout(longer) == null;
    }

    /**
     * When a cue is full (not at a sentence end or pause), the words after its last comma move on to the next cue
     * if that leaves the full cue at least a third of its length: a cue reads better ending at a clause. Failing
     * that, when the next word ends its sentence, up to {@value #CARRIED_WORDS} words go with it so that it does
     * not stand alone.
     */
    private static List<WordTiming> clauseTail(List<WordTiming> group, WordTiming next) {
        WordTiming previous = group.get(group.size() - 1);
        if (endsSentence(previous.word()) || next.start() - previous.end() >= PAUSE_SECONDS
                || next.end() - group.get(0).start() > MAX_CUE_SECONDS) {
            return List.of();
        }
        int total = length(group, 0, group.size());
        for (int k = group.size() - 1; k > 0; k--) {
            if (endsClause(group.get(k - 1).word())) {
                if (length(group, 0, k) * 3 >= total) {
                    return List.copyOf(group.subList(k, group.size()));
                }
                break;
            }
        }
        if (endsSentence(next.word())) {
            int k = group.size();
            while (k > 1 && group.size() - k < CARRIED_WORDS && length(group, k - 1, group.size()) * 3 <= total) {
                k--;
            }
            return List.copyOf(group.subList(k, group.size()));
        }
        return List.of();
    }

    /** The lines of a cue; null if its words do not fit in {@value #MAX_LINES} lines. */
    private static List<String> layout(List<WordTiming> words) {
        int total = length(words, 0, words.size());
        if (total <= MAX_LINE_CHARS) {
            return List.of(join(words, 0, words.size()));
        }
        int best = -1;
        int bestScore = Integer.MAX_VALUE;
        for (int k = 1; k < words.size(); k++) {
            int first = length(words, 0, k);
            int second = length(words, k, words.size());
            if (first > MAX_LINE_CHARS || second > MAX_LINE_CHARS) {
                continue;
            }
            int score = Math.max(first, second) - (endsClause(words.get(k - 1).word()) ? CLAUSE_BREAK_BONUS : 0);
            if (score < bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best < 0 ? null : List.of(join(words, 0, best), join(words, best, words.size()));
    }

    private static List<String> lines(List<WordTiming> words) {
        List<String> lines = layout(words);
        // Only a group of one piece can fail to lay out, and pieces fit a line by construction.
        return lines != null ? lines : List.of(join(words, 0, words.size()));
    }

    /** Characters of words [from, to) joined by single spaces. */
    private static int length(List<WordTiming> words, int from, int to) {
        int n = Math.max(0, to - from - 1);
        for (int i = from; i < to; i++) {
            n += words.get(i).word().strip().length();
        }
        return n;
    }

    private static String join(List<WordTiming> words, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.append(' ');
            }
            out.append(words.get(i).word().strip());
        }
        return out.toString();
    }

    /**
     * Whether a word ends a sentence: its last mark, before closing quotes or brackets, is . ! ? or an ellipsis,
     * and it is not a common abbreviation or an initial ({@code Dr.}, {@code e.g.}, {@code J.}).
     */
    static boolean endsSentence(String word) {
        String w = word.strip();
        char last = lastBeforeClosers(w);
        if (SENTENCE_ENDS.indexOf(last) < 0) {
            return false;
        }
        boolean initial = w.length() == 2 && Character.isUpperCase(w.charAt(0));
        return last != '.' || !(initial || ABBREVIATIONS.contains(w.toLowerCase(Locale.ROOT)));
    }

    private static boolean endsClause(String word) {
        return ",;:\u2014\u2013-\u3001\uff0c".indexOf(lastBeforeClosers(word.strip())) >= 0;
    }

    /** The last character that is not a closing quote or bracket; a space if there is none. */
    private static char lastBeforeClosers(String w) {
        int i = w.length() - 1;
        while (i >= 0 && CLOSERS.indexOf(w.charAt(i)) >= 0) {
            i--;
        }
        return i >= 0 ? w.charAt(i) : ' ';
    }
}
