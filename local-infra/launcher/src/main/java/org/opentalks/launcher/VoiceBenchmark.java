package org.opentalks.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentalks.speech.EspeakSpeechEngine;
import org.opentalks.speech.FestivalEngine;
import org.opentalks.speech.FliteEngine;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechEngine;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.VoiceCatalogue;
import org.opentalks.speech.WavFile;
import org.opentalks.speech.WordErrors;
import org.opentalks.speech.piper.PiperEngine;
import org.opentalks.transcribe.Transcriber;
import org.opentalks.transcribe.Transcribers;

/**
 * {@code ./opentalks bench-voices}: how intelligible each English voice is, judged by a listener the voices did
 * not come from. Every voice speaks the same {@link #SENTENCES}; Vosk's English model transcribes each, and the
 * word error rate is the edits from what was written to what was heard over the words written. The real-time
 * factor is the seconds of synthesis per second of speech on one thread. The speech is kept as WAV files under
 * {@code .opentalks/bench/voices} for a person to listen to.
 *
 * <p>The voices are the tts-service's: espeak-ng's US and British English, flite's and festival's English voices,
 * and the Piper voices of a directory given as the argument.
 */
final class VoiceBenchmark {
    /** Everyday sentences, numbers written as words (the recogniser writes them so), no names. */
    static final List<String> SENTENCES = List.of(
            "The weather will be cold and windy tomorrow morning.",
            "Our new office opens on the second floor next week.",
            "Could you send me the report before lunch?",
            "She bought three apples and a loaf of fresh bread.",
            "The train to the city leaves every twenty minutes.",
            "Thank you for calling, how can I help you today?",
            "Please remember to save your work before you close the program.",
            "The children played football in the park after school.",
            "We will review your application and reply within five days.",
            "Turn left at the next corner and the museum is on your right.",
            "My brother has lived in that small house for ten years.",
            "The meeting has been moved to Thursday afternoon.",
            "Every customer receives a free coffee with breakfast.",
            "The doctor said I should drink more water and sleep well.",
            "This video explains how to reset your password.",
            "The price of the tickets includes dinner and a show.",
            "He opened the window because the room was too warm.",
            "Our team finished the project two weeks early.",
            "Keep your receipt in case you want to return the shoes.",
            "The library is closed on Sundays and public holidays.",
            "A strong wind blew the leaves across the garden.",
            "Welcome to our company, we are glad you are here.",
            "The battery lasts about eight hours on a single charge.",
            "Please wait here while I check the schedule.");
    /** espeak-ng speaks many Englishes: US and British, and the female British voice that stands in for Azure's. */
    private static final List<String> ESPEAK_ENGLISH = List.of("en-us", "en-gb", "en-gb+f3");

    /** One voice's result. */
    record Result(SpeechVoice voice, int words, int errors, double speechSeconds, double synthesisSeconds,
                  String worst) {
        double wordErrorRate() {
            return (double) errors / words;
        }

        double realTimeFactor() {
            return synthesisSeconds / speechSeconds;
        }
    }

    private VoiceBenchmark() {
    }

    static void run(Path root, Path piperDir) throws IOException {
        Path out = root.resolve(".opentalks/bench/voices");
        List<SpeechEngine> engines = new ArrayList<>(List.of(new EspeakSpeechEngine(), new FliteEngine(),
                new FestivalEngine()));
        if (piperDir != null) {
            PiperEngine piper = new PiperEngine(piperDir);
            piper.problems().forEach(p -> System.out.println("piper: " + p));
            engines.add(piper);
        }
        try (Transcribers transcribers = new Transcribers(root.resolve(".opentalks/models"))) {
            Transcriber listener = transcribers.forLanguage("en-US").orElseThrow();
            VoiceCatalogue catalogue = VoiceCatalogue.of(engines);
            SpeechVoice defaultVoice = catalogue.defaultVoice();
            System.out.printf("%d sentences (%d words) per voice, heard by Vosk %s; speech in %s%n",
                    SENTENCES.size(), SENTENCES.stream().mapToInt(s -> WordErrors.normalisedWords(s).size()).sum(),
                    Transcribers.BUNDLED_MODEL_NAME, out);
            List<Result> results = new ArrayList<>();
            for (SpeechEngine engine : engines) {
                for (SpeechVoice voice : engine.voices()) {
                    if (english(voice)) {
                        Result r = measure(engine, voice, listener, out.resolve(voice.label().replace(':', '-')));
                        System.out.printf("  %-22s WER %5.1f %%  RTF %.3f  (%.0f s of speech)   worst: %s%n",
                                voice.label(), 100 * r.wordErrorRate(), r.realTimeFactor(), r.speechSeconds(),
                                r.worst());
                        results.add(r);
                    }
                }
            }
            System.out.println();
            System.out.println("| voice | locale, gender | word error rate | real-time factor | stands in for |");
            System.out.println("|---|---|---|---|---|");
            for (Result r : results) {
                List<String> standsFor = catalogue.entries().stream().filter(e -> e.voice().equals(r.voice()))
                        .findFirst().orElseThrow().standsFor();
                System.out.printf(Locale.ROOT, "| `%s`%s | %s, %s | %.1f %% | %.3f | %s |%n", r.voice().label(),
                        r.voice().equals(defaultVoice) ? " (default)" : "", r.voice().locale(),
                        r.voice().gender().label().toLowerCase(Locale.ROOT), 100 * r.wordErrorRate(),
                        r.realTimeFactor(), standsFor.isEmpty() ? "—" : standsFor.size() + " provider voices, e.g. "
                                + String.join(", ", standsFor.subList(0, Math.min(3, standsFor.size()))));
            }
        } finally {
            for (SpeechEngine engine : engines) {
                try {
                    engine.close();
                } catch (Exception e) {
                    System.out.println(engine.id() + " did not close: " + e);
                }
            }
        }
    }

    private static boolean english(SpeechVoice voice) {
        if (voice.engine().equals(EspeakSpeechEngine.ID)) {
            return ESPEAK_ENGLISH.contains(voice.id());
        }
        return voice.locale().toLowerCase(Locale.ROOT).startsWith("en");
    }

    private static Result measure(SpeechEngine engine, SpeechVoice voice, Transcriber listener, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        engine.speak("Warming up.", voice, Prosody.NEUTRAL); // the first call loads the voice
        int words = 0;
        int errors = 0;
        double speech = 0;
        double synthesis = 0;
        double worstRate = -1;
        String worst = "";
        for (int i = 0; i < SENTENCES.size(); i++) {
            String sentence = SENTENCES.get(i);
            long started = System.nanoTime();
            Speech spoken = engine.speak(sentence, voice, Prosody.NEUTRAL);
            synthesis += (System.nanoTime() - started) / 1e9;
            speech += spoken.durationSeconds();
            Files.write(dir.resolve(String.format(Locale.ROOT, "%02d.wav", i + 1)),
                    WavFile.encode(spoken.samples(), spoken.sampleRate()));
            String heard = listener.transcribe(new Pcm(spoken.samples(), spoken.sampleRate())).text();
            List<String> said = WordErrors.normalisedWords(sentence);
            int edits = WordErrors.distance(said, WordErrors.normalisedWords(heard));
            words += said.size();
            errors += edits;
            if ((double) edits / said.size() > worstRate) {
                worstRate = (double) edits / said.size();
                worst = "\"" + heard + "\" for \"" + sentence + "\"";
            }
        }
        return new Result(voice, words, errors, speech, synthesis, worst);
    }
}
