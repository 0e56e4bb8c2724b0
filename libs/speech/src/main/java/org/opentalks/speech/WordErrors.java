package org.opentalks.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How far what a listener (a recogniser) heard is from what was said, word by word: the word error rate, and
 * which words were heard, on a minimum edit path. Words are compared as {@link #normalisedWords} writes them.
 */
public final class WordErrors {

    private WordErrors() {
    }

    /** Lower case, letters, digits and apostrophes, split at everything else: how the words are compared. */
    public static List<String> normalisedWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").strip().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Word error rate: the substitutions, deletions and insertions that turn {@code reference} into
     * {@code hypothesis}, over the reference's length.
     */
    public static double rate(List<String> reference, List<String> hypothesis) {
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("a word error rate needs reference words");
        }
        return (double) distance(reference, hypothesis) / reference.size();
    }

    /** The word-level edit distance (substitutions, deletions and insertions) between the two. */
    public static int distance(List<String> reference, List<String> hypothesis) {
        return table(reference, hypothesis)[reference.size()][hypothesis.size()];
    }

    /**
     * For each reference word, the index of the hypothesis word it equals on a minimum edit path, or -1 where it
     * was substituted or deleted.
     */
    public static int[] matches(List<String> reference, List<String> hypothesis) {
        int[][] d = table(reference, hypothesis);
        int[] match = new int[reference.size()];
        Arrays.fill(match, -1);
        int i = reference.size();
        int j = hypothesis.size();
        while (i > 0 && j > 0) {
            boolean same = reference.get(i - 1).equals(hypothesis.get(j - 1));
            if (d[i][j] == d[i - 1][j - 1] + (same ? 0 : 1)) {
                if (same) {
                    match[i - 1] = j - 1;
                }
                i--;
                j--;
            } else if (d[i][j] == d[i - 1][j] + 1) {
                i--;
            } else {
                j--;
            }
        }
        return match;
    }

    private static int[][] table(List<String> a, List<String> b) {
        int[][] d = new int[a.size() + 1][b.size() + 1];
        for (int i = 0; i <= a.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                int same = a.get(i - 1).equals(b.get(j - 1)) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + same, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
            }
        }
        return d;
    }
}
