package org.opentalks.speech;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Speaks an {@link Utterance} with one engine and voice: each run of text is spoken at the script's
 * prosody combined with the run's own, each break is silence of exactly its length, and the pieces are
 * joined end to end with their phone and word timings shifted into place. Volume is applied here, as
 * a gain on the samples, so every engine honours it alike.
 */
public final class UtteranceRenderer {
    private final SpeechEngine engine;

    public UtteranceRenderer(SpeechEngine engine) {
        this.engine = engine;
    }

    /**
     * @param prosody the script's own ({@code voice_config}), under which every run's SSML prosody applies
     */
    public Speech speak(Utterance utterance, SpeechVoice voice, Prosody prosody) {
        List<short[]> pieces = new ArrayList<>();
        List<PhonemeTiming> phones = new ArrayList<>();
        List<WordTiming> words = new ArrayList<>();
        int rate = 0;
        PhoneSet phoneSet = null;
        long total = 0;
        List<Double> pendingBreaks = new ArrayList<>();
        for (Utterance.Part part : utterance.parts()) {
            if (part instanceof Utterance.Break b) {
                pendingBreaks.add(b.seconds());
                continue;
            }
            Speech spoken = spoken(part, voice, prosody);
            if (spoken == null) {
                continue;
            }
            if (rate == 0) {
                rate = spoken.sampleRate();
                phoneSet = spoken.phoneSet();
            } else if (spoken.sampleRate() != rate) {
                throw new IllegalStateException(engine.id() + " spoke at " + spoken.sampleRate() + " Hz after " + rate);
            }
            for (double seconds : pendingBreaks) {
                total = silence(pieces, phones, total, seconds, rate);
            }
            pendingBreaks.clear();
            double offset = (double) total / rate;
            for (PhonemeTiming p : spoken.phonemes()) {
                phones.add(new PhonemeTiming(p.phoneme(), p.start() + offset, p.end() + offset));
            }
            for (WordTiming w : spoken.words()) {
                words.add(new WordTiming(w.word(), w.start() + offset, w.end() + offset));
            }
            pieces.add(gain(spoken.samples(), prosody.then(partProsody(part)).volumeDb()));
            total += spoken.samples().length;
        }
        if (rate == 0) {
            // Only breaks (D-ID's recipe for an idle video): silence at the engine's usual rate.
            rate = 16_000;
            phoneSet = PhoneSet.ESPEAK;
        }
        for (double seconds : pendingBreaks) {
            total = silence(pieces, phones, total, seconds, rate);
        }
        short[] samples = new short[Math.toIntExact(total)];
        int at = 0;
        for (short[] piece : pieces) {
            System.arraycopy(piece, 0, samples, at, piece.length);
            at += piece.length;
        }
        return new Speech(samples, rate, phones, voice.id(), engine.id(), phoneSet, words);
    }

    /** A run spoken by the engine; null for a run with nothing to say. */
    private Speech spoken(Utterance.Part part, SpeechVoice voice, Prosody prosody) {
        if (part instanceof Utterance.Text t) {
            return t.text().isBlank() ? null : engine.speak(t.text(), voice, prosody.then(t.prosody()));
        }
        Utterance.Phonemes p = (Utterance.Phonemes) part;
        if (engine.readsAlphabet(p.alphabet())) {
            return engine.speakPhonemes(p.alphabet(), p.phonemes(), voice, prosody.then(p.prosody()));
        }
        return p.text() == null || p.text().isBlank() ? null : engine.speak(p.text(), voice, prosody.then(p.prosody()));
    }

    private static Prosody partProsody(Utterance.Part part) {
        return part instanceof Utterance.Text t ? t.prosody() : part instanceof Utterance.Phonemes p ? p.prosody()
                : Prosody.NEUTRAL;
    }

    private static long silence(List<short[]> pieces, List<PhonemeTiming> phones, long total, double seconds,
                                int rate) {
        int n = (int) Math.round(seconds * rate);
        if (n == 0) {
            return total;
        }
        pieces.add(new short[n]);
        phones.add(new PhonemeTiming(EspeakSynthesizer.PAUSE, (double) total / rate, (double) (total + n) / rate));
        return total + n;
    }

    /** The samples scaled by {@code db}, saturating at full scale. */
    static short[] gain(short[] samples, double db) {
        if (db == 0) {
            return samples;
        }
        double factor = Math.pow(10, db / 20);
        short[] out = Arrays.copyOf(samples, samples.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i] * factor)));
        }
        return out;
    }
}
