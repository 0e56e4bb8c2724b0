package org.opentalks.speech;

import java.util.Map;
import org.opentalks.contract.document.Viseme;

/**
 * Amazon Polly's viseme speech marks to mouth shapes. Polly names its visemes by one representative phone
 * (Amazon Polly Developer Guide, "Phoneme and viseme tables": e.g. en-US puts b, m, p under {@code p}; d, n, t
 * under {@code t}; ʃ, ʒ, tʃ, dʒ under {@code S}; θ, ð under {@code T}; ɡ, h, k, ŋ under {@code k}; j with i under
 * {@code i}; w with u under {@code u}; æ, aɪ, aʊ, ɑ under {@code a}; eɪ under {@code e}; ɛ, ɝ under {@code E};
 * ə, ɚ under {@code @}). The names are case-sensitive: {@code s} is s/z, {@code S} is sh.
 */
public final class PollyVisemes {

    private static final Map<String, Viseme> TABLE = Map.ofEntries(
            Map.entry("sil", Viseme.REST),
            // The pause UtteranceRenderer puts between runs, whatever the engine's phone set.
            Map.entry(EspeakSynthesizer.PAUSE, Viseme.REST),
            Map.entry("p", Viseme.PBM),
            Map.entry("f", Viseme.FV),
            Map.entry("T", Viseme.TH),
            Map.entry("t", Viseme.CONSONANT),
            Map.entry("S", Viseme.CONSONANT),
            Map.entry("s", Viseme.CONSONANT),
            Map.entry("k", Viseme.CONSONANT),
            Map.entry("r", Viseme.CONSONANT),
            Map.entry("l", Viseme.CONSONANT),
            Map.entry("i", Viseme.EE),
            Map.entry("a", Viseme.AA),
            // e is the face vowel eɪ, E the dress and nurse vowels, @ the schwas: all a medium opening.
            Map.entry("e", Viseme.EH),
            Map.entry("E", Viseme.EH),
            Map.entry("@", Viseme.EH),
            // o is the goat vowel oʊ, O the thought vowel ɔ: both rounded.
            Map.entry("o", Viseme.OH),
            Map.entry("O", Viseme.OH),
            Map.entry("u", Viseme.UW));

    private PollyVisemes() {
    }

    /** The mouth shape of one Polly viseme; a name Polly does not document is a generic consonant. */
    public static Viseme viseme(String pollyViseme) {
        if (pollyViseme == null || pollyViseme.isBlank()) {
            return Viseme.REST;
        }
        return TABLE.getOrDefault(pollyViseme.strip(), Viseme.CONSONANT);
    }
}
