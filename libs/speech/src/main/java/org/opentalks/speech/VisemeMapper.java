package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;

/**
 * espeak-ng phoneme mnemonics to mouth shapes. espeak-ng names phonemes in an ASCII scheme close to
 * Kirshenbaum's (espeak-ng docs/phonemes.md), where the first character carries the articulation and case is
 * significant ({@code i} vs {@code I}, {@code w} vs {@code W} = œ), so the first character decides; a few
 * names are exceptions. Names checked against what espeak-ng 1.51 emits for en-us, en-gb, fr, de, es, pt-br
 * and it.
 */
public final class VisemeMapper {

    /** Whole names whose first character would mislead. */
    private static final Map<String, Viseme> EXCEPTIONS = Map.of(
            // en-us "lot" vowel: realised as ɑ (espeak-ng --ipa), not the rounded ɒ the name suggests.
            "0", Viseme.AA,
            // pt-br: an off-glide after i ("tia" = tS'i;&), spread like j.
            ";", Viseme.EE);

    /** The mouth shape of one phone named in {@code set}. */
    public Viseme viseme(PhoneSet set, String phone) {
        return switch (set) {
            case ESPEAK -> viseme(phone);
            case ARPABET -> ArpabetVisemes.viseme(phone);
            case IPA -> IpaVisemes.viseme(phone);
            case POLLY_VISEME -> PollyVisemes.viseme(phone);
            case LETTERS -> LetterVisemes.viseme(phone);
        };
    }

    /** The mouth shape of one espeak-ng phoneme; unknown names fall back on their first character. */
    public Viseme viseme(String phoneme) {
        if (phoneme == null || phoneme.isEmpty()) {
            return Viseme.REST;
        }
        Viseme exception = EXCEPTIONS.get(phoneme);
        return exception != null ? exception : byFirstCharacter(phoneme.charAt(0));
    }

    private static Viseme byFirstCharacter(char c) {
        return switch (c) {
            // _ _: _! _| are pauses and boundaries; (en) (fr) mark a language switch.
            case '_', '(' -> Viseme.REST;
            // B is β (Spanish "llave"): lips nearly closed.
            case 'p', 'b', 'm', 'B' -> Viseme.PBM;
            case 'f', 'v' -> Viseme.FV;
            // T θ, D ð.
            case 'T', 'D' -> Viseme.TH;
            // i i: I I# i@ (near) j.
            case 'i', 'I', 'j' -> Viseme.EE;
            // a a: A: A~ aa (æ) a# aI aU, V ʌ, & ɐ (pt).
            case 'a', 'A', 'V', '&' -> Viseme.AA;
            // e e: E E~ eI e@, @ @2 @L schwas, 3 3: ɜ ɚ.
            case 'e', 'E', '@', '3' -> Viseme.EH;
            // o o: O O: O~ oU OI, Y ø, W œ.
            case 'o', 'O', 'Y', 'W' -> Viseme.OH;
            // u u: U U@, w, y (rounded i, French "tu").
            case 'u', 'U', 'w', 'y' -> Viseme.UW;
            default -> Viseme.CONSONANT;
        };
    }

    /**
     * The contract's viseme track of {@code speech}: one segment per phoneme, adjacent segments of the same
     * viseme merged (keeping the first phoneme's name), covering [0, duration] without gaps: time the phonemes
     * leave uncovered becomes {@link Viseme#REST}, overlaps are cut.
     */
    public VisemeTrack track(Speech speech) {
        double duration = speech.durationSeconds();
        List<VisemeSegment> segments = new ArrayList<>(speech.phonemes().size() + 1);
        double covered = 0;
        for (PhonemeTiming p : speech.phonemes()) {
            double start = Math.max(p.start(), covered);
            double end = Math.min(p.end(), duration);
            if (end <= start) {
                continue;
            }
            if (start > covered) {
                append(segments, Viseme.REST, covered, start, EspeakSynthesizer.PAUSE);
            }
            append(segments, viseme(speech.phoneSet(), p.phoneme()), start, end, p.phoneme());
            covered = end;
        }
        if (covered < duration) {
            append(segments, Viseme.REST, covered, duration, EspeakSynthesizer.PAUSE);
        }
        return new VisemeTrack(duration, speech.sampleRate(), speech.label(), segments);
    }

    private static void append(List<VisemeSegment> segments, Viseme viseme, double start, double end, String phoneme) {
        int last = segments.size() - 1;
        if (last >= 0 && segments.get(last).viseme() == viseme) {
            VisemeSegment merged = segments.get(last);
            segments.set(last, new VisemeSegment(viseme, merged.start(), end, merged.phoneme()));
        } else {
            segments.add(new VisemeSegment(viseme, start, end, phoneme));
        }
    }
}
