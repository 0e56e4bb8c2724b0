package org.opentalks.transcribe;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.EspeakTruth;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.Speech;

/**
 * The recording the tests listen to: espeak-ng reading a known text with three pauses and many p/b/m words,
 * resampled to 16 kHz as uploads are, and Vosk's transcript of it. Made once per test JVM: transcribing takes
 * seconds.
 */
final class Recording {
    static final String TEXT = "Good morning, everyone. Thank you for coming to the meeting. Today we will talk about"
            + " our plans and the new building. The project will begin in May, and it should be finished by the end"
            + " of next year. Please send me your questions before Monday.";
    static final String SSML = "<speak>Good morning, everyone. <break time=\"700ms\"/> Thank you for coming to the"
            + " meeting. Today we will talk about our plans and the new building. <break time=\"700ms\"/> The project"
            + " will begin in May, and it should be finished by the end of next year. <break time=\"700ms\"/> Please"
            + " send me your questions before Monday.</speak>";

    private static Recording instance;
    private static Transcribers transcribers;

    final Speech speech;
    final Pcm pcm;
    final Transcript transcript;
    final double transcribeSeconds;
    final List<EspeakTruth.Word> truth;
    final List<EspeakTruth.Pause> pauses;

    private Recording(Transcriber transcriber) {
        speech = new EspeakSynthesizer().synthesize(SSML, "en-us", true);
        pcm = EspeakTruth.at16k(speech);
        long t0 = System.nanoTime();
        transcript = transcriber.transcribe(pcm);
        transcribeSeconds = (System.nanoTime() - t0) / 1e9;
        truth = EspeakTruth.words(TEXT, speech, "en-us");
        pauses = EspeakTruth.pauses(speech, 0.5);
    }

    static synchronized Recording get() {
        if (instance == null) {
            long t0 = System.nanoTime();
            Transcriber transcriber = transcribers().forLanguage("en-US").orElseThrow();
            System.out.printf("Vosk model ready (unpacked or found under %s, loaded) in %.2f s%n", modelCache(),
                    (System.nanoTime() - t0) / 1e9);
            instance = new Recording(transcriber);
        }
        return instance;
    }

    /** The models, unpacked where the launcher keeps them ({@code .opentalks/models/vosk}). */
    static synchronized Transcribers transcribers() {
        if (transcribers == null) {
            transcribers = new Transcribers(modelCache());
        }
        return transcribers;
    }

    static Path modelCache() {
        String root = System.getProperty("opentalks.root");
        if (root == null) {
            fail("system property opentalks.root is not set: run the tests through Maven from the repository");
        }
        return Path.of(root, ".opentalks", "models", "vosk");
    }

    double realTimeFactor() {
        return transcribeSeconds / pcm.durationSeconds();
    }
}
