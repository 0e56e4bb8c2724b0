package org.opentalks.transcribe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.opentalks.speech.Pcm;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Speech to words with timings, by Vosk (Kaldi) on one model. The model is loaded once and shared; every
 * {@link #transcribe} runs its own recogniser, so one transcriber serves several threads at once.
 */
public final class Transcriber implements AutoCloseable {
    /** The rate the bundled model was trained at; other rates are resampled by Vosk. */
    public static final int MODEL_SAMPLE_RATE = 16_000;
    /** Vosk needs the telephone band at least. */
    public static final int MIN_SAMPLE_RATE = 8_000;
    /** Audio is fed in pieces of this length; Vosk ends an utterance where it hears enough silence. */
    private static final double CHUNK_SECONDS = 0.2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Model model;
    private final String language;
    private final String modelName;
    private volatile boolean closed;

    Transcriber(Model model, String language, String modelName) {
        this.model = model;
        this.language = language;
        this.modelName = modelName;
    }

    /** The language this transcriber's model recognises, e.g. {@code en-us}. */
    public String language() {
        return language;
    }

    /**
     * The words spoken in {@code pcm} (mono, 16 kHz best), with start and end times in seconds and the
     * recogniser's confidence. Silence and sounds that are no words give no words.
     *
     * @throws IllegalArgumentException if the audio is sampled below {@value #MIN_SAMPLE_RATE} Hz
     */
    public Transcript transcribe(Pcm pcm) {
        Objects.requireNonNull(pcm, "pcm");
        if (closed) {
            throw new IllegalStateException("this transcriber is closed");
        }
        if (pcm.sampleRate() < MIN_SAMPLE_RATE) {
            throw new IllegalArgumentException("audio sampled at " + pcm.sampleRate() + " Hz is too coarse to "
                    + "recognise: use at least " + MIN_SAMPLE_RATE + " Hz (16 kHz is best)");
        }
        List<RecognisedWord> words = new ArrayList<>();
        short[] samples = pcm.samples();
        int chunk = (int) Math.round(CHUNK_SECONDS * pcm.sampleRate());
        try (Recognizer recognizer = new Recognizer(model, pcm.sampleRate())) {
            recognizer.setWords(true);
            for (int at = 0; at < samples.length; at += chunk) {
                int n = Math.min(chunk, samples.length - at);
                // The binding passes the whole array: hand it exactly the piece.
                short[] piece = at == 0 && n == samples.length ? samples : Arrays.copyOfRange(samples, at, at + n);
                if (recognizer.acceptWaveForm(piece, n)) {
                    read(recognizer.getResult(), words, pcm.durationSeconds());
                }
            }
            read(recognizer.getFinalResult(), words, pcm.durationSeconds());
        } catch (IOException e) {
            throw new IllegalStateException("Vosk could not start a recogniser on model " + modelName, e);
        }
        return new Transcript(language, modelName, pcm.durationSeconds(), words);
    }

    /**
     * Vosk's result: {@code {"result": [{"conf", "end", "start", "word"}...], "text"}}, times absolute from the
     * first sample. Times are clamped into the audio and to follow the words before.
     */
    static void read(String json, List<RecognisedWord> words, double duration) {
        JsonNode result;
        try {
            result = JSON.readTree(json).path("result");
        } catch (IOException e) {
            throw new IllegalStateException("Vosk answered something that is not JSON: " + json, e);
        }
        for (JsonNode w : result) {
            String word = w.path("word").asText("").strip();
            if (word.isEmpty() || word.equals("[unk]")) {
                continue;
            }
            double floor = words.isEmpty() ? 0 : words.get(words.size() - 1).end();
            double start = Math.min(duration, Math.max(floor, w.path("start").asDouble()));
            double end = Math.min(duration, Math.max(start, w.path("end").asDouble()));
            double confidence = Math.max(0, Math.min(1, w.path("conf").asDouble(1)));
            words.add(new RecognisedWord(word, start, end, confidence));
        }
    }

    /** Frees the model; transcriptions still running keep their own reference until they end. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }
}
