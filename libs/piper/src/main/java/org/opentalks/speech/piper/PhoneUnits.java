package org.opentalks.speech.piper;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.IpaVisemes;

/**
 * The phones of one sentence as timings name them, built over Piper's phonemes (single code points) and their ids:
 * a phone is one base symbol with the stress marks before it and the length marks, diacritics and tie bars after it
 * ({@code ˈɜː}, {@code ɔ̃}, {@code t͡ʃ}); {@code . , ; : ! ? …} are pauses, as are BOS and EOS with their pads; word
 * spaces are gaps, which become a pause when they last and otherwise belong to the phone before. Each phone owns the
 * ids of its code points, pads included, so that a model's per-id durations add up to its span.
 */
final class PhoneUnits {
    /** What a phone sounds like, for the aligner's duration priors and frame scores. */
    enum Kind { PAUSE, GAP, VOWEL, SONORANT, FRICATIVE, STOP, OTHER }

    /**
     * @param weight      its expected duration relative to its kind's (stress and length marks lengthen a vowel)
     * @param phonemeFrom first phoneme (index into the sentence's code points), inclusive
     * @param phonemeTo   last phoneme, exclusive
     * @param idFrom      first model id, inclusive
     * @param idTo        last model id, exclusive
     */
    record Unit(String phone, Kind kind, double weight, int phonemeFrom, int phonemeTo, int idFrom, int idTo) {
    }

    private static final String VOWELS = "iyɨʉɯuɪʏʊeøɘɵɤoəɛœɜɞʌɔæɐaɶɑɒɚɝᵻä";
    private static final String SONORANTS = "mnŋɲɳɴɱlɫɭʎʟrɾɹɻɽʀɺjwɥʍʋɰ";
    private static final String FRICATIVES = "fvθðszʃʒʂʐɕʑçʝxɣχʁħʕhɦɸβɬɮ";
    private static final String STOPS = "pbtdkgɡqɢʔcɟʈɖɓʡ";
    private static final String PAUSES = ".,;:!?¡¿…";
    private static final int STRESS = 'ˈ';
    private static final int SECONDARY_STRESS = 'ˌ';

    private PhoneUnits() {
    }

    /** The phones of {@code phonemes}, encoded as {@code encoded}: BOS pause first, EOS pause last. */
    static List<Unit> of(int[] phonemes, PhonemeIds.Encoded encoded) {
        List<Draft> drafts = new ArrayList<>();
        Draft bos = new Draft(Kind.PAUSE, -1);
        drafts.add(bos);
        int pending = -1;
        boolean stressed = false;
        boolean tied = false;
        for (int i = 0; i < phonemes.length; i++) {
            int c = phonemes[i];
            Draft last = drafts.get(drafts.size() - 1);
            if (c == STRESS || c == SECONDARY_STRESS) {
                pending = pending < 0 ? i : pending;
                stressed |= c == STRESS;
            } else if (c == ' ' || PAUSES.indexOf(c) >= 0) {
                // Stray stress marks before a pause belong to the pause, so that spans stay contiguous.
                Draft pause = new Draft(c == ' ' ? Kind.GAP : Kind.PAUSE, pending >= 0 ? pending : i);
                pause.to = i + 1;
                drafts.add(pause);
                pending = -1;
                stressed = false;
                tied = false;
            } else if (IpaVisemes.isMark(c) || !Character.isLetter(c)) {
                // A length mark, diacritic, tie bar or stray symbol modifies the phone before it.
                if (last.kind == Kind.PAUSE || last.kind == Kind.GAP) {
                    pending = pending < 0 ? i : pending;
                } else {
                    last.to = i + 1;
                    if (c == 'ː') {
                        last.weight *= 1.5;
                    }
                    tied |= c == '\u0361' || c == '\u035C';
                }
            } else if (tied && last.kind != Kind.PAUSE && last.kind != Kind.GAP
                    || pending < 0 && affricate(phonemes, last, c)) {
                // t͡ʃ, and tʃ dʒ written without the tie bar, as espeak-ng writes them: one phone.
                last.to = i + 1;
                tied = false;
                if (affricate(phonemes, last, c)) {
                    last.kind = Kind.FRICATIVE;
                }
            } else {
                Draft phone = new Draft(kind(c), pending >= 0 ? pending : i);
                phone.to = i + 1;
                if (stressed && phone.kind == Kind.VOWEL) {
                    phone.weight *= 1.3;
                }
                if (phone.kind == Kind.VOWEL && last.kind == Kind.VOWEL && pending < 0) {
                    // The glide of a diphthong (aɪ, oʊ): the two halves last about as long as one vowel and a half.
                    last.weight *= 0.9;
                    phone.weight *= 0.6;
                }
                drafts.add(phone);
                pending = -1;
                stressed = false;
            }
        }
        Draft eos = new Draft(Kind.PAUSE, phonemes.length);
        if (pending >= 0) {
            // Marks with no phone after them: the end pause has them.
            eos.from = pending;
        }
        drafts.add(eos);
        List<Unit> units = new ArrayList<>(drafts.size());
        int n = encoded.ids().length;
        for (int k = 0; k < drafts.size(); k++) {
            Draft d = drafts.get(k);
            int idFrom;
            int idTo;
            if (d == bos) {
                idFrom = 0;
                idTo = encoded.bosEnd();
                d.from = 0;
                d.to = 0;
            } else if (d == eos) {
                idFrom = d.from < phonemes.length ? encoded.starts()[d.from] : encoded.eosStart();
                idTo = n;
                d.to = phonemes.length;
            } else {
                idFrom = encoded.starts()[d.from];
                idTo = encoded.ends()[d.to - 1];
            }
            String phone = d.kind == Kind.PAUSE || d.kind == Kind.GAP ? EspeakSynthesizer.PAUSE
                    : name(phonemes, d.from, d.to);
            units.add(new Unit(phone, d.kind, d.weight, d.from, d.to, idFrom, idTo));
        }
        return units;
    }

    /** The phone's symbols without stress marks, composed (NFC) for reading. */
    private static String name(int[] phonemes, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (phonemes[i] != STRESS && phonemes[i] != SECONDARY_STRESS) {
                s.appendCodePoint(phonemes[i]);
            }
        }
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** Whether {@code c} after {@code last} makes the affricate tʃ or dʒ. */
    private static boolean affricate(int[] phonemes, Draft last, int c) {
        if (last.kind == Kind.PAUSE || last.kind == Kind.GAP || last.to - last.from < 1) {
            return false;
        }
        int before = phonemes[last.to - 1];
        return before == 't' && c == 'ʃ' || before == 'd' && c == 'ʒ';
    }

    static Kind kind(int c) {
        if (VOWELS.indexOf(c) >= 0) {
            return Kind.VOWEL;
        }
        if (SONORANTS.indexOf(c) >= 0) {
            return Kind.SONORANT;
        }
        if (FRICATIVES.indexOf(c) >= 0) {
            return Kind.FRICATIVE;
        }
        return STOPS.indexOf(c) >= 0 ? Kind.STOP : Kind.OTHER;
    }

    private static final class Draft {
        Kind kind;
        int from;
        int to;
        double weight = 1;

        Draft(Kind kind, int from) {
            this.kind = kind;
            this.from = from;
            this.to = from + 1;
        }
    }
}
