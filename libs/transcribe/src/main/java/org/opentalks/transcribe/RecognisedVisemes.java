package org.opentalks.transcribe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.EspeakPhonemizer;
import org.opentalks.speech.EspeakPhones;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.VisemeMapper;
import org.opentalks.speech.WordTiming;

/**
 * Mouth shapes for a recording from the words recognised in it: sharper than the loudness and spectrum alone
 * ({@link org.opentalks.speech.AudioVisemes}), because the words say which sounds were made.
 *
 * <ol>
 *   <li>Each word is phonemised by espeak-ng (mnemonics, {@code en-us} by default) and its phones share the
 *       word's span in proportion to their typical durations ({@link #typicalMillis}).</li>
 *   <li>Every p, b and m (and the other lip closures espeak names, {@code B} = β) lasts at least
 *       {@value #MIN_CLOSURE_SECONDS} s, more than one frame at 25 fps, so that the lips are seen to close; the
 *       word's other phones give up the time.</li>
 *   <li>Between words, a gap of {@value #MIN_PAUSE_SECONDS} s or more is a pause, {@link Viseme#REST}; a shorter
 *       one is where the recogniser's word boundaries fall inside running speech, so the words on either side
 *       meet at its middle. Before the first word and after the last the mouth rests.</li>
 * </ol>
 *
 * <p>The track covers [0, duration] without gaps, adjacent phones of one viseme merged (keeping the first
 * phone's name), like {@link VisemeMapper#track}. Thread-safe.
 */
public final class RecognisedVisemes {
    /** A silence between words at least this long is a pause; {@link org.opentalks.speech.AudioVisemes} agrees. */
    public static final double MIN_PAUSE_SECONDS = 0.12;
    /** The shortest p/b/m: 50 ms always holds the time of at least one frame at 25 fps. */
    public static final double MIN_CLOSURE_SECONDS = 0.05;

    /**
     * Typical durations (ms) of espeak-ng's English phones in running speech, rounded from Klatt's (1979) inherent
     * segment durations ("Synthesis by rule of segmental durations in English sentences"): long vowels and
     * diphthongs about twice a lax vowel, schwa shortest, a flap a fraction of a stop. Only the ratios matter: a
     * word's phones are stretched to its recognised span. Phones not listed take {@link #VOWEL_MILLIS} or
     * {@link #CONSONANT_MILLIS}.
     */
    static final Map<String, Integer> TYPICAL_MILLIS = Map.ofEntries(
            Map.entry("i:", 155), Map.entry("i", 120), Map.entry("I", 135), Map.entry("I#", 110),
            Map.entry("I2", 110), Map.entry("e", 150), Map.entry("E", 150), Map.entry("eI", 180),
            Map.entry("a", 230), Map.entry("aa", 230), Map.entry("a#", 120), Map.entry("A:", 230),
            Map.entry("A@", 250), Map.entry("0", 230), Map.entry("O:", 240), Map.entry("O", 240),
            Map.entry("O@", 250), Map.entry("o@", 250), Map.entry("oU", 220), Map.entry("U", 160),
            Map.entry("U@", 250), Map.entry("u:", 210), Map.entry("V", 160), Map.entry("@", 120),
            Map.entry("@2", 100), Map.entry("@5", 100), Map.entry("3", 180), Map.entry("3:", 180),
            Map.entry("@L", 200), Map.entry("aI", 250), Map.entry("aU", 250), Map.entry("OI", 280),
            Map.entry("e@", 250), Map.entry("i@", 250), Map.entry("i@3", 250), Map.entry("aI@", 300),
            Map.entry("aI3", 300), Map.entry("aU@", 300),
            Map.entry("p", 90), Map.entry("b", 85), Map.entry("t", 75), Map.entry("t2", 75), Map.entry("d", 75),
            Map.entry("t#", 30), Map.entry("d#", 30), Map.entry("k", 80), Map.entry("g", 80), Map.entry("?", 40),
            Map.entry("tS", 100), Map.entry("dZ", 90), Map.entry("f", 100), Map.entry("v", 60),
            Map.entry("T", 90), Map.entry("D", 50), Map.entry("s", 105), Map.entry("z", 75), Map.entry("S", 105),
            Map.entry("Z", 70), Map.entry("h", 80), Map.entry("m", 70), Map.entry("n", 60), Map.entry("N", 95),
            Map.entry("l", 80), Map.entry("r", 80), Map.entry("w", 80), Map.entry("j", 80),
            Map.entry("m-", 120), Map.entry("n-", 120), Map.entry("l-", 120),
            // A palatalisation mark espeak reports as a phone of its own: it takes no time.
            Map.entry(";", 0));
    static final int VOWEL_MILLIS = 150;
    static final int CONSONANT_MILLIS = 80;

    private final EspeakPhonemizer phonemizer;
    private final String voice;
    private static final VisemeMapper MAPPER = new VisemeMapper();

    /** Words phonemised as US English. */
    public RecognisedVisemes() {
        this(new EspeakPhonemizer(), "en-us");
    }

    /** @param voice the espeak-ng voice or language the words are phonemised in, e.g. {@code en-gb} */
    public RecognisedVisemes(EspeakPhonemizer phonemizer, String voice) {
        this.phonemizer = Objects.requireNonNull(phonemizer, "phonemizer");
        this.voice = Objects.requireNonNull(voice, "voice");
    }

    /** The viseme track of a transcribed recording, labelled {@code voiceLabel} (e.g. {@code audio:upload}). */
    public VisemeTrack track(Transcript transcript, int sampleRate, String voiceLabel) {
        return track(transcript.timings(), transcript.durationSeconds(), sampleRate, voiceLabel);
    }

    /**
     * The viseme track of audio of {@code duration} seconds in which {@code words} (in order) were heard.
     *
     * @param sampleRate stored in the track, as the audio's rate
     */
    public VisemeTrack track(List<? extends WordTiming> words, double duration, int sampleRate, String voiceLabel) {
        List<double[]> spans = new ArrayList<>(words.size());
        for (WordTiming w : words) {
            double start = Math.min(duration, Math.max(spans.isEmpty() ? 0 : spans.get(spans.size() - 1)[1],
                    w.start()));
            spans.add(new double[] {start, Math.min(duration, Math.max(start, w.end()))});
        }
        // Words closer than a pause meet in the middle of their gap.
        for (int i = 0; i + 1 < spans.size(); i++) {
            double gap = spans.get(i + 1)[0] - spans.get(i)[1];
            if (gap > 0 && gap < MIN_PAUSE_SECONDS) {
                double middle = spans.get(i)[1] + gap / 2;
                spans.get(i)[1] = middle;
                spans.get(i + 1)[0] = middle;
            }
        }
        List<VisemeSegment> segments = new ArrayList<>();
        double covered = 0;
        for (int i = 0; i < words.size(); i++) {
            double start = spans.get(i)[0];
            double end = spans.get(i)[1];
            if (end <= start) {
                continue;
            }
            if (start > covered) {
                append(segments, Viseme.REST, covered, start, EspeakSynthesizer.PAUSE);
            }
            List<String> phones = phones(words.get(i).word());
            double[] lengths = lengths(phones, end - start);
            double at = start;
            for (int k = 0; k < phones.size(); k++) {
                double to = k == phones.size() - 1 ? end : Math.min(end, at + lengths[k]);
                if (to > at) {
                    append(segments, MAPPER.viseme(phones.get(k)), at, to, phones.get(k));
                }
                at = to;
            }
            covered = end;
        }
        if (covered < duration) {
            append(segments, Viseme.REST, covered, duration, EspeakSynthesizer.PAUSE);
        }
        return new VisemeTrack(duration, sampleRate, voiceLabel, segments);
    }

    /** The word's phones as espeak-ng would say them; a word espeak gives nothing for is one mid vowel. */
    List<String> phones(String word) {
        List<String> phones = EspeakPhones.split(String.join(" ", phonemizer.mnemonics(word, voice)));
        return phones.isEmpty() ? List.of("@") : phones;
    }

    /**
     * Each phone's share of {@code span} seconds: proportional to its typical duration, p/b/m raised to
     * {@value #MIN_CLOSURE_SECONDS} s at the other phones' expense (or sharing the whole span if it is too short).
     */
    static double[] lengths(List<String> phones, double span) {
        int n = phones.size();
        double[] weight = new double[n];
        boolean[] closure = new boolean[n];
        double total = 0;
        for (int k = 0; k < n; k++) {
            weight[k] = typicalMillis(phones.get(k));
            closure[k] = isLipClosure(phones.get(k));
            total += weight[k];
        }
        double[] length = new double[n];
        if (total <= 0) {
            Arrays.fill(length, span / n);
            return length;
        }
        double closures = 0;
        double others = 0;
        for (int k = 0; k < n; k++) {
            length[k] = span * weight[k] / total;
            if (closure[k]) {
                length[k] = Math.max(length[k], MIN_CLOSURE_SECONDS);
                closures += length[k];
            } else {
                others += length[k];
            }
        }
        if (closures >= span) {
            // Too short a word for every closure to last its minimum: the closures share it all.
            for (int k = 0; k < n; k++) {
                length[k] = closure[k] ? span * length[k] / closures : 0;
            }
        } else if (others > 0) {
            double scale = (span - closures) / others;
            for (int k = 0; k < n; k++) {
                length[k] = closure[k] ? length[k] : length[k] * scale;
            }
        } else {
            for (int k = 0; k < n; k++) {
                length[k] = span * length[k] / closures;
            }
        }
        return length;
    }

    /** The typical duration of an espeak-ng phone in milliseconds (see {@link #TYPICAL_MILLIS}). */
    static int typicalMillis(String phone) {
        Integer ms = TYPICAL_MILLIS.get(phone);
        if (ms != null) {
            return ms;
        }
        return EspeakPhones.isVowel(phone) ? VOWEL_MILLIS : CONSONANT_MILLIS;
    }

    private static boolean isLipClosure(String phone) {
        return MAPPER.viseme(phone) == Viseme.PBM;
    }

    private static void append(List<VisemeSegment> segments, Viseme viseme, double start, double end, String phone) {
        int last = segments.size() - 1;
        if (last >= 0 && segments.get(last).viseme() == viseme) {
            VisemeSegment merged = segments.get(last);
            segments.set(last, new VisemeSegment(viseme, merged.start(), end, merged.phoneme()));
        } else {
            segments.add(new VisemeSegment(viseme, start, end, phone));
        }
    }
}
