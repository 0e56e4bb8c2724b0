package org.opentalks.speech.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.EspeakPhonemizer;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.PhoneSet;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.Speech;
import org.opentalks.speech.VisemeMapper;

/**
 * The aligner on real speech whose phone timings are known: espeak-ng's, from its own phoneme events. The same
 * text's IPA (what a Piper voice would be given) is aligned to espeak-ng's audio, and the two viseme tracks are
 * compared every 10 ms.
 */
class PhoneAlignerTest {
    private static final String[] TEXTS = {
        "The quick brown fox jumps over the lazy dog.",
        "Hello, my name is Anna, and I will be your guide today.",
        "Please remember to bring your passport, your ticket and a warm coat.",
        "We measured the voltage twice, but the results did not match.",
        "Thank you for watching this short video about our new product.",
        "If it rains tomorrow, the picnic will move to the old town hall.",
    };

    private final EspeakSynthesizer espeak = new EspeakSynthesizer();
    private final PiperPhonemizer phonemizer = new PiperPhonemizer(new EspeakPhonemizer(), "en-us", Map.of());
    private final VisemeMapper mapper = new VisemeMapper();

    @Test
    void estimatedPhonesAgreeWithEspeaksOwnTimings() {
        double aligned = 0;
        double spread = 0;
        double frames = 0;
        List<Double> errors = new ArrayList<>();
        List<Double> spreadErrors = new ArrayList<>();
        for (String text : TEXTS) {
            Speech truth = espeak.synthesize(text, "en-us");
            VisemeTrack expected = mapper.track(truth);
            Speech estimate = estimate(text, truth, true);
            errors.addAll(boundaryErrors(expected, mapper.track(estimate)));
            spreadErrors.addAll(boundaryErrors(expected, mapper.track(estimate(text, truth, false))));
            double[] a = agreement(expected, estimate);
            double[] s = agreement(expected, estimate(text, truth, false));
            System.out.printf("aligner %.1f %%, priors alone %.1f %%: %s%n", 100 * a[0] / a[1], 100 * s[0] / s[1],
                    text);
            aligned += a[0];
            spread += s[0];
            frames += a[1];
        }
        double alignedShare = aligned / frames;
        double spreadShare = spread / frames;
        double median = median(errors);
        System.out.printf("viseme agreement on 10 ms frames: aligner %.1f %%, priors alone %.1f %%; viseme changes "
                + "from the truth's: median %.0f ms (priors alone %.0f ms), 80th percentile %.0f ms%n",
                100 * alignedShare, 100 * spreadShare, 1000 * median, 1000 * median(spreadErrors),
                1000 * percentile(errors, 0.8));
        assertTrue(median <= 0.030, "median boundary error " + median);
        assertTrue(alignedShare >= 0.65, "aligner agreement " + alignedShare);
        assertTrue(alignedShare > spreadShare + 0.03, "reading the audio must help: " + alignedShare + " vs "
                + spreadShare);
    }

    @Test
    void spansTileTheAudio() {
        Speech truth = espeak.synthesize(TEXTS[1], "en-us");
        Speech estimate = estimate(TEXTS[1], truth, true);
        List<PhonemeTiming> phones = estimate.phonemes();
        assertEquals(0, phones.get(0).start());
        for (int i = 1; i < phones.size(); i++) {
            assertEquals(phones.get(i - 1).end(), phones.get(i).start(), 1e-12);
            assertTrue(phones.get(i).end() > phones.get(i).start());
        }
        assertEquals(truth.durationSeconds(), phones.get(phones.size() - 1).end(), 1e-9);
    }

    /** The IPA phones of {@code text} aligned to {@code truth}'s audio. */
    private Speech estimate(String text, Speech truth, boolean readAudio) {
        List<PiperPhonemizer.Sentence> sentences = phonemizer.sentences(text);
        assertEquals(1, sentences.size(), text);
        PiperPhonemizer.Sentence sentence = sentences.get(0);
        Map<Integer, long[]> identity = new HashMap<>();
        for (int c : new int[] {'_', '^', '$'}) {
            identity.put(c, new long[] {c});
        }
        for (int c : sentence.phonemes()) {
            identity.put(c, new long[] {c});
        }
        PhonemeIds.Encoded encoded = new PhonemeIds(identity).encode(sentence.phonemes());
        List<PhoneUnits.Unit> units = PhoneUnits.of(sentence.phonemes(), encoded);
        float[] audio = new float[truth.samples().length];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = truth.samples()[i] / 32768f;
        }
        int[] samples = PhoneAligner.align(audio, truth.sampleRate(), units, readAudio);
        Timeline timeline = new Timeline(truth.sampleRate());
        timeline.sentence(truth.samples(), units, samples, sentence.words());
        return new Speech(timeline.samples(), truth.sampleRate(), timeline.phones(), "en-us", PiperEngine.ID,
                PhoneSet.IPA, timeline.words());
    }

    /** For every viseme change in {@code actual}, how far the nearest change of {@code expected} is, in seconds. */
    private static List<Double> boundaryErrors(VisemeTrack expected, VisemeTrack actual) {
        List<Double> truth = expected.segments().stream().skip(1).map(s -> s.start()).toList();
        List<Double> errors = new ArrayList<>();
        for (var segment : actual.segments().subList(1, actual.segments().size())) {
            errors.add(truth.stream().mapToDouble(t -> Math.abs(t - segment.start())).min().orElse(1));
        }
        return errors;
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    /** {agreeing frames, frames}. */
    private static double[] agreement(VisemeTrack expected, Speech estimate) {
        VisemeTrack actual = new VisemeMapper().track(estimate);
        int same = 0;
        int n = 0;
        for (double t = 0.005; t < expected.durationSeconds(); t += 0.010) {
            n++;
            if (expected.at(t) == actual.at(t)) {
                same++;
            }
        }
        return new double[] {same, n};
    }
}
