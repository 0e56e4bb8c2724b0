package org.opentalks.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The words of a text script with their times in its speech, spelled as the script spells them (punctuation
 * included, which is where subtitles break), for engines that do not report word timings.
 *
 * <ul>
 *   <li>{@link #fromPhones}: for speech in espeak-ng's phones. Each word of the script is phonemised on its own
 *       and the phones of all words, as one character stream, are aligned by edit distance with the stream of
 *       phones that were spoken; each spoken phone then belongs to a word, and a word lasts from its first phone
 *       to its last. Aligning characters rather than words tolerates what espeak does across words (a weak
 *       {@code the} before a vowel, numbers and abbreviations read out), and works for every language espeak
 *       speaks. Costs about 0.1 ms a word to phonemise.</li>
 *   <li>{@link #fromRecognised}: for any engine, given the words a recogniser heard in the speech: the recognised
 *       words are aligned with the script's by spelling, and script words the recogniser missed share the time
 *       between their neighbours.</li>
 * </ul>
 */
public final class ScriptWords {

    /** How far (in characters) the spoken stream may drift from the phonemised words. */
    private static final int PHONE_BAND = 96;
    /** How far (in words) the recognised words may drift from the script's. */
    private static final int WORD_BAND = 48;
    /** Words spelled this differently (edit distance over the longer length) or less are the same word heard. */
    private static final double ANCHOR_DIFFERENCE = 0.5;

    private final EspeakPhonemizer phonemizer;

    public ScriptWords() {
        this(new EspeakPhonemizer());
    }

    public ScriptWords(EspeakPhonemizer phonemizer) {
        this.phonemizer = Objects.requireNonNull(phonemizer, "phonemizer");
    }

    /**
     * The script's words as written: separated by white space, and a token of punctuation alone (a dash, an
     * ellipsis) joined to the word before it, since nothing of it is spoken.
     */
    public static List<String> tokens(String script) {
        List<String> tokens = new ArrayList<>();
        for (String token : script.strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (!hasLetterOrDigit(token) && !tokens.isEmpty()) {
                tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1) + " " + token);
            } else {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /**
     * The words of {@code script} timed by the phones of {@code speech}, which espeak-ng spoke from that script.
     *
     * @param voice the espeak-ng voice or language that spoke ({@code en-us}), so that words are phonemised alike
     * @throws IllegalArgumentException if the speech is not in espeak-ng's phone set
     */
    public List<WordTiming> fromPhones(String script, Speech speech, String voice) {
        if (speech.phoneSet() != PhoneSet.ESPEAK) {
            throw new IllegalArgumentException("speech in the " + speech.phoneSet() + " phone set cannot be aligned"
                    + " with espeak-ng's phonemes: transcribe its audio and use fromRecognised instead");
        }
        List<String> tokens = tokens(script);
        StringBuilder written = new StringBuilder();
        List<Integer> writtenToken = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            for (String phone : EspeakPhones.split(String.join(" ", phonemizer.mnemonics(tokens.get(t), voice)))) {
                written.append(phone);
                for (int k = 0; k < phone.length(); k++) {
                    writtenToken.add(t);
                }
            }
        }
        List<PhonemeTiming> spoken = new ArrayList<>();
        StringBuilder said = new StringBuilder();
        List<Integer> saidPhone = new ArrayList<>();
        for (PhonemeTiming p : speech.phonemes()) {
            if (EspeakPhones.isPause(p.phoneme()) || p.end() <= p.start()) {
                continue;
            }
            spoken.add(p);
            said.append(p.phoneme());
            for (int k = 0; k < p.phoneme().length(); k++) {
                saidPhone.add(spoken.size() - 1);
            }
        }
        int[] pairs = BandedAlignment.align(said.length(), written.length(),
                (i, j) -> characterCost(said.charAt(i), written.charAt(j)), 2, PHONE_BAND);

        // Each spoken phone goes to the word most of its characters were paired with.
        int[] owner = new int[spoken.size()];
        Arrays.fill(owner, -1);
        for (int phone = 0, i = 0; phone < spoken.size(); phone++) {
            int length = spoken.get(phone).phoneme().length();
            owner[phone] = majority(pairs, writtenToken, i, i + length);
            i += length;
        }
        fillUnowned(owner);

        double[] start = new double[tokens.size()];
        double[] end = new double[tokens.size()];
        Arrays.fill(start, Double.NaN);
        for (int phone = 0; phone < spoken.size(); phone++) {
            int t = owner[phone];
            if (t < 0) {
                continue;
            }
            if (Double.isNaN(start[t])) {
                start[t] = spoken.get(phone).start();
            }
            end[t] = spoken.get(phone).end();
        }
        return timed(tokens, start, end, speech.durationSeconds());
    }

    /**
     * The words of {@code script} timed by {@code recognised}, the words a recogniser heard in its speech (in
     * order, as it spelled them). Words spelled alike (at most half their letters differ) are anchors and take the
     * recognised word's time; between two anchors, the script's words share the time of the recognised words
     * there (or, if the recogniser heard nothing there, the gap) in proportion to their length.
     */
    public static List<WordTiming> fromRecognised(String script, List<? extends WordTiming> recognised) {
        List<String> tokens = tokens(script);
        List<String> heard = new ArrayList<>(recognised.size());
        for (WordTiming w : recognised) {
            heard.add(normalised(w.word()));
        }
        List<String> written = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            written.add(normalised(token));
        }
        int[] pairs = BandedAlignment.align(written.size(), heard.size(),
                (i, j) -> (int) Math.round(6 * difference(written.get(i), heard.get(j))), 3, WORD_BAND);
        List<WordTiming> words = new ArrayList<>(tokens.size());
        int blockStart = 0;
        int lastHeard = -1;
        for (int t = 0; t <= tokens.size(); t++) {
            boolean anchor = t < tokens.size() && pairs[t] >= 0
                    && difference(written.get(t), heard.get(pairs[t])) <= ANCHOR_DIFFERENCE;
            if (!anchor && t < tokens.size()) {
                continue;
            }
            int nextHeard = t < tokens.size() ? pairs[t] : heard.size();
            double previousEnd = lastHeard >= 0 ? recognised.get(lastHeard).end() : 0;
            double from;
            double to;
            if (nextHeard - lastHeard > 1) {
                from = Math.max(previousEnd, recognised.get(lastHeard + 1).start());
                to = recognised.get(nextHeard - 1).end();
            } else {
                from = previousEnd;
                to = nextHeard < heard.size() ? recognised.get(nextHeard).start() : previousEnd;
            }
            share(tokens.subList(blockStart, t), from, Math.max(from, to), words);
            if (t < tokens.size()) {
                WordTiming w = recognised.get(nextHeard);
                double start = Math.max(w.start(), words.isEmpty() ? 0 : words.get(words.size() - 1).end());
                words.add(new WordTiming(tokens.get(t), start, Math.max(start, w.end())));
                lastHeard = nextHeard;
            }
            blockStart = t + 1;
        }
        return words;
    }

    /** {@code tokens} sharing [from, to] in proportion to their length. */
    private static void share(List<String> tokens, double from, double to, List<WordTiming> out) {
        int letters = 0;
        for (String token : tokens) {
            letters += token.length();
        }
        double at = from;
        for (String token : tokens) {
            double end = Math.min(to, at + (to - from) * token.length() / letters);
            out.add(new WordTiming(token, at, end));
            at = end;
        }
    }

    /**
     * Words with their spans; words that got no time share the gap between their timed neighbours by length
     * (zero-length where there is no gap), so that the result is in order and inside [0, limit].
     */
    private static List<WordTiming> timed(List<String> tokens, double[] start, double[] end, double limit) {
        List<WordTiming> words = new ArrayList<>(tokens.size());
        double previousEnd = 0;
        for (int t = 0; t < tokens.size();) {
            if (!Double.isNaN(start[t])) {
                double s = Math.min(limit, Math.max(previousEnd, start[t]));
                double e = Math.min(limit, Math.max(s, end[t]));
                words.add(new WordTiming(tokens.get(t), s, e));
                previousEnd = e;
                t++;
                continue;
            }
            int next = t;
            while (next < tokens.size() && Double.isNaN(start[next])) {
                next++;
            }
            double gapEnd = next < tokens.size() ? Math.max(previousEnd, Math.min(limit, start[next])) : previousEnd;
            int letters = 0;
            for (int k = t; k < next; k++) {
                letters += tokens.get(k).length();
            }
            double at = previousEnd;
            for (int k = t; k < next; k++) {
                double share = (gapEnd - previousEnd) * tokens.get(k).length() / letters;
                words.add(new WordTiming(tokens.get(k), at, Math.min(gapEnd, at + share)));
                at = Math.min(gapEnd, at + share);
            }
            previousEnd = at;
            t = next;
        }
        return words;
    }

    /** The token most of the characters in [from, to) were paired with; -1 if none was. */
    private static int majority(int[] pairs, List<Integer> writtenToken, int from, int to) {
        int best = -1;
        int bestCount = 0;
        for (int i = from; i < to; i++) {
            if (pairs[i] < 0) {
                continue;
            }
            int token = writtenToken.get(pairs[i]);
            int count = 0;
            for (int k = from; k < to; k++) {
                count += pairs[k] >= 0 && writtenToken.get(pairs[k]) == token ? 1 : 0;
            }
            if (count > bestCount) {
                best = token;
                bestCount = count;
            }
        }
        return best;
    }

    /** Unpaired items join the owner before them (the first ones the owner after them). */
    private static void fillUnowned(int[] owner) {
        int last = -1;
        for (int i = 0; i < owner.length; i++) {
            if (owner[i] >= 0) {
                last = owner[i];
            } else {
                owner[i] = last;
            }
        }
        int next = -1;
        for (int i = owner.length - 1; i >= 0; i--) {
            if (owner[i] >= 0) {
                next = owner[i];
            } else {
                owner[i] = next;
            }
        }
    }

    /** 0 for the same character, 1 between two vowel or two consonant characters, else 2 (a gap costs 2). */
    private static int characterCost(char a, char b) {
        if (a == b) {
            return 0;
        }
        boolean vowelA = EspeakPhones.isVowel(String.valueOf(a));
        boolean vowelB = EspeakPhones.isVowel(String.valueOf(b));
        return vowelA == vowelB ? 1 : 2;
    }

    /** 0 for the same spelling to 1 for nothing in common: the edit distance over the longer length. */
    private static double difference(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        return (double) editDistance(a, b) / Math.max(1, Math.max(a.length(), b.length()));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Lower case, letters, digits and apostrophes only: how a recogniser spells. */
    static String normalised(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else if (c == '\'' || c == '\u2019') {
                out.append('\'');
            }
        }
        return out.toString();
    }

    private static boolean hasLetterOrDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isLetterOrDigit(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
