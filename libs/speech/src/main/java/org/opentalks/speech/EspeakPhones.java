package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits espeak-ng's mnemonic transcriptions ({@code h@l'oU w'3:ld}, as {@link EspeakPhonemizer#mnemonics} gives
 * them) into phones named as espeak's PHONEME events name them ({@code h @ l oU w 3: l d}). Names are several
 * characters long with no separator, so the string is cut by longest match against the names of espeak-ng 1.51's
 * phoneme tables {@code base1}, {@code en} and {@code en-us} (read from its compiled {@code phontab}); a character
 * no name starts with becomes a phone of its own, which is how other languages' rarer names come out.
 * Stress and syllable marks and spaces are dropped, and so are pauses ({@code _}, {@code _:}, {@code _!}...),
 * which belong to the text's punctuation rather than to a word.
 */
public final class EspeakPhones {

    /** Phone names of two or more characters; single characters need no table. */
    private static final Set<String> NAMES = Set.of(
            // base1
            "@-", "#X1", "_^_", "_X1", "_|", "_::", "_;_", "#@", "#a", "#e", "#i", "#o", "#u", "m-", "n-",
            "N-", "r-", "l-", "r/", "R2", "R3", "r\"", "l/", "l/2", "l/3", "l^", "l.", "L/", "n.", "n^", "**", "r.",
            "d[", "t[", "dZ", "tS", "dZ;", "tS;", "v#", "z.", "s.", "z;", "s;", "Z;", "S;", "J^", "Q^", "Q\"", "l#",
            "_:", "_!",
            // en
            "t#", "t2", "d#", "z#", "z/2", "I2", "w#", "@2", "@5", "@L", "a#", "a2", "aa", "A:", "E#", "E2", "I#",
            "I2#", "0#", "02", "O2", "A@", "A#", "3:", "i:", "O:", "O@", "o@", "u:", "aU", "oU", "oU#", "aI", "eI",
            "OI", "e@", "i@", "i@3", "U@", "aI@", "aI3", "aU@", "IR", "VR", "o:", "A~", "O~", "e:", "e#", "a#2",
            "@#");
    private static final int LONGEST = 3;
    /** Marks between phones: stress (primary, secondary, unstressed), syllable and word boundaries. */
    private static final String MARKS = "',%=| \t\n";

    private EspeakPhones() {
    }

    /** The phones of {@code mnemonics}, in order, without stress marks, spaces or pauses. */
    public static List<String> split(String mnemonics) {
        List<String> phones = new ArrayList<>();
        int i = 0;
        int n = mnemonics.length();
        while (i < n) {
            char c = mnemonics.charAt(i);
            if (MARKS.indexOf(c) >= 0) {
                i++;
                continue;
            }
            // A language switch, "(fr)": not a sound.
            int close = c == '(' ? mnemonics.indexOf(')', i) : -1;
            if (close > 0) {
                i = close + 1;
                continue;
            }
            int length = 1;
            for (int l = Math.min(LONGEST, n - i); l > 1; l--) {
                if (NAMES.contains(mnemonics.substring(i, i + l))) {
                    length = l;
                    break;
                }
            }
            String phone = mnemonics.substring(i, i + length);
            if (!isPause(phone)) {
                phones.add(phone);
            }
            i += length;
        }
        return phones;
    }

    /** Whether an event's phone is a pause or boundary ({@code _}, {@code _:}, {@code _!}) rather than a sound. */
    public static boolean isPause(String phone) {
        return phone.isEmpty() || phone.charAt(0) == '_';
    }

    /**
     * Whether the phone is a vowel (or diphthong, or r-coloured vowel), by its first character, as espeak
     * names them: the vowel letters and {@code @ 3 0 V &}.
     */
    public static boolean isVowel(String phone) {
        return !phone.isEmpty() && "aeiouAEIOUY@30VW&".indexOf(phone.charAt(0)) >= 0;
    }
}
