package org.opentalks.speech;

import java.util.HashMap;
import java.util.Map;
import org.opentalks.contract.document.Viseme;

/**
 * IPA phones to mouth shapes, as Piper voices and espeak-ng's IPA output name them. A phone is one base symbol
 * with what modifies it: stress marks before it ({@code ˈ}, {@code ˌ}), length, diacritics and combining marks
 * after it ({@code ɜː}, {@code ɔ̃}, {@code n̩}, {@code pʲ}); decomposed (NFD) or not. The base symbol decides;
 * a second symbol (a diphthong's glide {@code aɪ}, an affricate's release {@code tʃ}) does not, so a caller that
 * times the glide on its own gets its own shape.
 *
 * <p>Vowels follow the IPA chart (close front spread → EE, open → AA, mid unrounded → EH, mid rounded → OH, close
 * rounded → UW); consonants by place where the lips or teeth show it (bilabial → PBM, labiodental → FV, dental
 * fricatives → TH), the rest CONSONANT. Checked against what espeak-ng 1.51 emits for en-us, en-gb, fr, de, es,
 * it, pt-br, nl, ru, pl and sv (the test keeps to the first eight).
 */
public final class IpaVisemes {

    private static final Map<Integer, Viseme> BASE = new HashMap<>();

    static {
        put(Viseme.REST, "_ .,;:!?¡¿-–—…'\"()[]|‖");
        // ɓ implosive, ʙ trill, ɸ and β fricatives: both lips close or nearly so.
        put(Viseme.PBM, "pbmɓʙɸβ");
        put(Viseme.FV, "fvɱʋ");
        put(Viseme.TH, "θð");
        // ɨ ᵻ (espeak's reduced "roses" vowel) and ɯ are close and unrounded: spread like i.
        put(Viseme.EE, "iɪjɨᵻɯ");
        put(Viseme.AA, "aæɐɑɒʌɶä");
        // ɤ is unrounded; ɚ ɝ are r-coloured mid vowels.
        put(Viseme.EH, "eɛəɜɚɝɘɤ");
        put(Viseme.OH, "oɔøœɵɞ");
        // y ʏ ʉ are rounded close vowels (French "tu"); w ɥ ʍ are rounded glides.
        put(Viseme.UW, "uʊwyʏʉɥʍ");
        put(Viseme.CONSONANT, "tdkgɡqɢʔcɟʈɖʡnŋɲɳɴszʃʒʂʐɕʑçʝxɣχʁħʕhɦʜʢlɫɭʎʟɬɮrɾɹɻɽʀɺɰ");
    }

    private IpaVisemes() {
    }

    private static void put(Viseme viseme, String symbols) {
        symbols.codePoints().forEach(c -> BASE.put(c, viseme));
    }

    /** The mouth shape of one IPA phone; a phone of marks only is {@link Viseme#REST}, an unknown symbol CONSONANT. */
    public static Viseme viseme(String phone) {
        if (phone == null || phone.isEmpty()) {
            return Viseme.REST;
        }
        int base = base(phone);
        if (base < 0) {
            return Viseme.REST;
        }
        return BASE.getOrDefault(base, Viseme.CONSONANT);
    }

    /** Whether {@code symbol} is a base symbol this table names (not a mark, not an unknown letter). */
    public static boolean knows(int symbol) {
        return BASE.containsKey(symbol);
    }

    /** Whether {@code c} only modifies the symbol it follows or precedes: stress, length, diacritics, tie bars. */
    public static boolean isMark(int c) {
        if (c == 'ˈ' || c == 'ˌ' || c == 'ː' || c == 'ˑ' || c == '˞') {
            return true;
        }
        int type = Character.getType(c);
        // Combining diacritics (̃ ̩ ̯ ͡) are non-spacing marks; ʰ ʲ ʷ ˠ ˤ ⁿ are modifier letters.
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.MODIFIER_LETTER
                || type == Character.MODIFIER_SYMBOL;
    }

    /** The first code point of {@code phone} that is not a mark; -1 if there is none. */
    private static int base(String phone) {
        for (int i = 0; i < phone.length(); ) {
            int c = phone.codePointAt(i);
            if (!isMark(c)) {
                return c;
            }
            i += Character.charCount(c);
        }
        return -1;
    }
}
