package org.opentalks.speech;

import java.util.Locale;
import java.util.Map;
import org.opentalks.contract.document.Viseme;

/**
 * CMU ARPAbet phones (as flite and festival's US and UK voices name them, lower case, stress digits allowed) to
 * mouth shapes. The 39 phones of the CMU Pronouncing Dictionary plus the engines' pause {@code pau}, flite's
 * {@code h#}/{@code brth} and festival's {@code ssil}; the vowels by their IPA values (CMUdict's documentation):
 * spread (iy ih ey), open (aa ae ah ay aw), mid (eh er ax), rounded (ao ow oy), close rounded (uw uh w).
 */
public final class ArpabetVisemes {
    private static final Map<String, Viseme> TABLE = Map.ofEntries(
            Map.entry("pau", Viseme.REST), Map.entry("h#", Viseme.REST), Map.entry("brth", Viseme.REST),
            Map.entry("ssil", Viseme.REST), Map.entry("sil", Viseme.REST),
            Map.entry("p", Viseme.PBM), Map.entry("b", Viseme.PBM), Map.entry("m", Viseme.PBM),
            Map.entry("f", Viseme.FV), Map.entry("v", Viseme.FV),
            Map.entry("th", Viseme.TH), Map.entry("dh", Viseme.TH),
            // i ɪ eɪ and the glide j: lips spread.
            Map.entry("iy", Viseme.EE), Map.entry("ih", Viseme.EE), Map.entry("ey", Viseme.EE),
            Map.entry("y", Viseme.EE),
            // ɑ æ ʌ aɪ aʊ: jaw open.
            Map.entry("aa", Viseme.AA), Map.entry("ae", Viseme.AA), Map.entry("ah", Viseme.AA),
            Map.entry("ay", Viseme.AA), Map.entry("aw", Viseme.AA),
            // ɛ ɝ ə ɚ: mid, neutral lips.
            Map.entry("eh", Viseme.EH), Map.entry("er", Viseme.EH), Map.entry("ax", Viseme.EH),
            Map.entry("axr", Viseme.EH), Map.entry("ix", Viseme.EH),
            // ɔ oʊ ɔɪ: rounded, open.
            Map.entry("ao", Viseme.OH), Map.entry("ow", Viseme.OH), Map.entry("oy", Viseme.OH),
            // u ʊ w: rounded, close.
            Map.entry("uw", Viseme.UW), Map.entry("uh", Viseme.UW), Map.entry("w", Viseme.UW),
            // The remaining consonants: tongue work behind a neutral, half-open mouth.
            Map.entry("t", Viseme.CONSONANT), Map.entry("d", Viseme.CONSONANT), Map.entry("k", Viseme.CONSONANT),
            Map.entry("g", Viseme.CONSONANT), Map.entry("n", Viseme.CONSONANT), Map.entry("ng", Viseme.CONSONANT),
            Map.entry("s", Viseme.CONSONANT), Map.entry("z", Viseme.CONSONANT), Map.entry("sh", Viseme.CONSONANT),
            Map.entry("zh", Viseme.CONSONANT), Map.entry("ch", Viseme.CONSONANT), Map.entry("jh", Viseme.CONSONANT),
            Map.entry("l", Viseme.CONSONANT), Map.entry("r", Viseme.CONSONANT), Map.entry("hh", Viseme.CONSONANT),
            Map.entry("dx", Viseme.CONSONANT), Map.entry("el", Viseme.CONSONANT), Map.entry("en", Viseme.CONSONANT),
            Map.entry("em", Viseme.PBM));

    private ArpabetVisemes() {
    }

    /** The mouth shape of one ARPAbet phone; stress digits ({@code ah0}, {@code ey1}) are ignored; unknown is REST. */
    public static Viseme viseme(String phone) {
        if (phone == null || phone.isEmpty()) {
            return Viseme.REST;
        }
        String name = phone.toLowerCase(Locale.ROOT).replaceAll("[0-9]+$", "");
        return TABLE.getOrDefault(name, Viseme.REST);
    }

    /** Whether {@code phone} is one of the table's phones. */
    public static boolean knows(String phone) {
        return phone != null && TABLE.containsKey(phone.toLowerCase(Locale.ROOT).replaceAll("[0-9]+$", ""));
    }
}
