package org.opentalks.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.opentalks.speech.EspeakTruth;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.WordErrors;

class TranscriberTest {

    @Test
    void hearsTheWordsEspeakSaidWhereItSaidThem() {
        Recording r = Recording.get();
        List<String> reference = WordErrors.normalisedWords(Recording.TEXT);
        List<String> heard = r.transcript.words().stream().map(RecognisedWord::word).toList();
        double wer = WordErrors.rate(reference, heard);
        System.out.printf("Vosk (%s) on %.1f s of espeak-ng speech: WER %.1f %% (%d words), real-time factor %.2f%n"
                + "  heard: %s%n", r.transcript.model(), r.pcm.durationSeconds(), 100 * wer, reference.size(),
                r.realTimeFactor(), r.transcript.text());
        assertTrue(wer <= 0.20, "word error rate " + wer + ": heard '" + r.transcript.text() + "'");

        double previous = 0;
        for (RecognisedWord w : r.transcript.words()) {
            assertTrue(w.start() >= previous && w.end() > w.start() && w.end() <= r.pcm.durationSeconds(),
                    "in order, inside the audio: " + w);
            previous = w.end();
        }
        int[] match = WordErrors.matches(reference, heard);
        double startError = 0;
        int matched = 0;
        for (int i = 0; i < match.length; i++) {
            if (match[i] < 0) {
                continue;
            }
            RecognisedWord w = r.transcript.words().get(match[i]);
            EspeakTruth.Word said = r.truth.get(i);
            assertTrue(w.start() < said.end() && said.start() < w.end(), w + " does not overlap espeak's " + said);
            startError += Math.abs(w.start() - said.start());
            matched++;
        }
        System.out.printf("  %d words heard right, start %.0f ms from espeak's on average%n", matched,
                1000 * startError / matched);
        assertTrue(startError / matched < 0.08, "mean start error " + startError / matched + " s");

        assertEquals(3, r.pauses.size(), "the three 700 ms breaks: " + r.pauses);
        for (EspeakTruth.Pause pause : r.pauses) {
            for (RecognisedWord w : r.transcript.words()) {
                double overlap = Math.min(w.end(), pause.end()) - Math.max(w.start(), pause.start());
                assertTrue(overlap < 0.1, w + " reaches into the pause " + pause);
            }
        }
    }

    @Test
    void oneModelServesTwoTranscriptionsAtOnce() throws Exception {
        Recording r = Recording.get();
        Transcriber transcriber = Recording.transcribers().forLanguage("en").orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> transcriber.transcribe(r.pcm));
            var second = pool.submit(() -> transcriber.transcribe(r.pcm));
            // Not bit-identical (Kaldi's float arithmetic varies by a frame at times, and a close call between
            // two words can go either way), but as good as one alone, and at the same times.
            List<String> alone = List.of(r.transcript.text().split(" "));
            for (Transcript t : List.of(first.get(), second.get())) {
                assertTrue(WordErrors.rate(alone, List.of(t.text().split(" "))) <= 0.05,
                        () -> "alone: " + r.transcript.text() + "\ntogether: " + t.text());
                if (t.words().size() == r.transcript.words().size()) {
                    for (int i = 0; i < t.words().size(); i++) {
                        assertEquals(r.transcript.words().get(i).start(), t.words().get(i).start(), 0.05);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void silenceHasNoWords() {
        Transcriber transcriber = Recording.transcribers().forLanguage("en").orElseThrow();
        Transcript t = transcriber.transcribe(new Pcm(new short[3 * 16_000], 16_000));
        assertTrue(t.words().isEmpty(), t::text);
        assertEquals(3.0, t.durationSeconds(), 1e-9);
    }

    @Test
    void onlyEnglishHasAModel() {
        Transcribers transcribers = Recording.transcribers();
        assertTrue(transcribers.hasModel("en-US") && transcribers.hasModel("en_gb") && transcribers.hasModel("EN"));
        assertFalse(transcribers.hasModel("fr-FR") || transcribers.hasModel("de") || transcribers.hasModel("")
                || transcribers.hasModel(null));
        assertTrue(transcribers.forLanguage("es-ES").isEmpty(), "no model: the caller keeps AudioVisemes");
        assertEquals("en-us", transcribers.forLanguage("en-AU").orElseThrow().language());
    }

    @Test
    void refusesAudioTooCoarseToRecognise() {
        Transcriber transcriber = Recording.transcribers().forLanguage("en").orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> transcriber.transcribe(new Pcm(new short[4000], 4000)));
        assertTrue(e.getMessage().contains("16 kHz"), e.getMessage());
    }
}
