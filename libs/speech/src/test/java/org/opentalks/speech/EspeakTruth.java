package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * What espeak-ng itself says about its speech, for tests to measure against: which spoken phones belong to which
 * word, and where the pauses are. espeak's transcription of the whole text separates words by spaces; walking
 * its phones against the PHONEME events, in order, gives each word's span. This is independent of
 * {@link ScriptWords}, which phonemises word by word and aligns by edit distance. Shared with libs/transcribe's
 * tests through the test jar.
 */
public final class EspeakTruth {

    /** A word of the text and the time espeak spent saying it; {@code phones} are its events' names. */
    public record Word(String word, double start, double end, List<String> phones) {
        public boolean hasLipClosure() {
            return phones.stream().anyMatch(p -> p.equals("p") || p.equals("b") || p.equals("m"));
        }
    }

    /** A pause: consecutive pause phones. */
    public record Pause(double start, double end) {
        public double length() {
            return end - start;
        }
    }

    private EspeakTruth() {
    }

    /**
     * The words of {@code plainText} (split at white space) with espeak's times in {@code speech}, which espeak
     * spoke from that text (or from SSML with the same words) with {@code voice}.
     *
     * @throws AssertionError if espeak groups this text's words differently (it joins "for the"): choose another
     */
    public static List<Word> words(String plainText, Speech speech, String voice) {
        String[] written = plainText.strip().split("\\s+");
        List<String> groups = new ArrayList<>();
        for (String clause : new EspeakPhonemizer().mnemonics(plainText, voice)) {
            for (String group : clause.strip().split("\\s+")) {
                String bare = group.replaceAll("_[:!|]*", "").replaceAll("[',%=]", "");
                if (!bare.isEmpty()) {
                    groups.add(bare);
                }
            }
        }
        if (groups.size() != written.length) {
            throw new AssertionError("espeak-ng transcribes " + written.length + " words as " + groups.size()
                    + " groups " + groups + ": pick a test text whose words it keeps apart");
        }
        List<List<PhonemeTiming>> owned = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            owned.add(new ArrayList<>());
        }
        int g = 0;
        int at = 0;
        for (PhonemeTiming p : speech.phonemes()) {
            String name = p.phoneme();
            if (name.startsWith("_") || p.end() <= p.start()) {
                continue;
            }
            if (g < groups.size() && at == groups.get(g).length()) {
                g++;
                at = 0;
            }
            if (g < groups.size() && groups.get(g).startsWith(name, at)) {
                at += name.length();
            } else if (g + 1 < groups.size() && at > 0 && groups.get(g + 1).startsWith(name)) {
                // espeak left out the rest of this word's transcription (the l of "oil"): on to the next word.
                g++;
                at = name.length();
            } else {
                throw new AssertionError("espeak-ng spoke '" + name + "' where its transcription has '"
                        + (g < groups.size() ? groups.get(g).substring(at) : "") + "' of word " + g + " " + groups
                        + "; spoken " + speech.phonemes());
            }
            owned.get(g).add(p);
        }
        List<Word> words = new ArrayList<>();
        for (int k = 0; k < written.length; k++) {
            List<PhonemeTiming> phones = owned.get(k);
            if (phones.isEmpty()) {
                throw new AssertionError("no phone of '" + written[k] + "' was spoken");
            }
            words.add(new Word(written[k], phones.get(0).start(), phones.get(phones.size() - 1).end(),
                    phones.stream().map(PhonemeTiming::phoneme).toList()));
        }
        return words;
    }

    /** The pauses of at least {@code minSeconds} in the speech, by its pause phones. */
    public static List<Pause> pauses(Speech speech, double minSeconds) {
        List<Pause> pauses = new ArrayList<>();
        double start = -1;
        double end = -1;
        for (PhonemeTiming p : speech.phonemes()) {
            if (p.phoneme().startsWith("_")) {
                if (start < 0 || p.start() > end + 1e-9) {
                    if (start >= 0 && end - start >= minSeconds) {
                        pauses.add(new Pause(start, end));
                    }
                    start = p.start();
                }
                end = p.end();
            }
        }
        if (start >= 0 && end - start >= minSeconds) {
            pauses.add(new Pause(start, end));
        }
        return pauses;
    }

    /** espeak-ng's speech resampled to 16 kHz, as the decoder hands uploads over. */
    public static Pcm at16k(Speech speech) {
        return TestSignals.at16k(speech);
    }
}
