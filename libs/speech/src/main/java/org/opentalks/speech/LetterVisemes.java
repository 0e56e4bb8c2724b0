package org.opentalks.speech;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import org.opentalks.contract.document.Viseme;

/**
 * Letters of the written text to mouth shapes, for providers that time characters rather than phones
 * (ElevenLabs). Spelling is a rough guide to sound, so this is coarser than a phone table: a consonant letter
 * takes its usual articulation (m, b, p close the lips; f, v touch the lip to the teeth), a vowel letter its
 * usual vowel, and the digraphs {@code th}, {@code ph} and {@code wh}, when the engine hands them over as one
 * "phone", the shape they spell. Accents are ignored ({@code é} reads as {@code e}); Cyrillic and Greek
 * letters are read likewise; a letter of another script opens the mouth to a mid vowel, since most such
 * characters are syllables. Spaces, punctuation and pause marks are rest.
 */
public final class LetterVisemes {

    private static final Map<String, Viseme> DIGRAPHS = Map.of(
            "th", Viseme.TH,
            "ph", Viseme.FV,
            "wh", Viseme.UW);

    private LetterVisemes() {
    }

    /** The mouth shape of one letter (or one of the digraphs above); anything but a letter or digit is rest. */
    public static Viseme viseme(String letters) {
        if (letters == null || letters.isEmpty()) {
            return Viseme.REST;
        }
        String lower = letters.toLowerCase(Locale.ROOT);
        Viseme digraph = DIGRAPHS.get(lower);
        if (digraph != null) {
            return digraph;
        }
        int first = lower.codePointAt(0);
        if (Character.isDigit(first)) {
            // Digits are read out as words: the mouth is moving, at no particular shape.
            return Viseme.EH;
        }
        if (!Character.isLetter(first)) {
            return Viseme.REST;
        }
        return byLetter(baseLetter(first));
    }

    /** The letter without its diacritics: é → e, ü → u, ç → c (canonical decomposition, then the base). */
    private static int baseLetter(int letter) {
        String decomposed = Normalizer.normalize(new String(Character.toChars(letter)), Normalizer.Form.NFD);
        return decomposed.codePointAt(0);
    }

    private static Viseme byLetter(int c) {
        return switch (c) {
            // Greek as it is read today: β is v, δ is ð, η, ι and υ are i.
            case 'm', 'b', 'p', 'м', 'б', 'п', 'μ', 'π' -> Viseme.PBM;
            case 'f', 'v', 'ф', 'в', 'φ', 'β' -> Viseme.FV;
            case 'ð', 'þ', 'θ', 'δ' -> Viseme.TH;
            // y is mostly the i of "happy" and "gym".
            case 'i', 'y', 'и', 'ы', 'ι', 'η', 'υ' -> Viseme.EE;
            case 'a', 'а', 'я', 'α' -> Viseme.AA;
            case 'e', 'е', 'э', 'ε' -> Viseme.EH;
            case 'o', 'о', 'ο', 'ω' -> Viseme.OH;
            case 'u', 'w', 'у', 'ю' -> Viseme.UW;
            // Other Latin, Greek and Cyrillic letters are consonants.
            default -> c < 0x250 || (c >= 0x370 && c < 0x530) ? Viseme.CONSONANT : Viseme.EH;
        };
    }
}
