package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line engines' plumbing: missing programs, hung programs, their output read back. */
class EngineProcessTest {

    @Test
    void aMissingProgramSaysToRunSetup() {
        SpeechVoice slt = new SpeechVoice(FliteEngine.ID, "slt", "SLT", "en-US", Gender.FEMALE, List.of());
        SpeechException flite = assertThrows(SpeechException.class, () -> new FliteEngine("/nonexistent/flite",
                Duration.ofSeconds(5)).speak("Hello.", slt, Prosody.NEUTRAL));
        assertTrue(flite.getMessage().contains("run ./opentalks setup"), flite.getMessage());
        SpeechException festival = assertThrows(SpeechException.class, () -> new FestivalEngine(
                "/nonexistent/festival", Duration.ofSeconds(5)).speak("Hello.", FestivalEngine.SLT_HTS_VOICE,
                Prosody.NEUTRAL));
        assertTrue(festival.getMessage().contains("run ./opentalks setup"), festival.getMessage());
        assertEquals(List.of(), new FliteEngine("/nonexistent/flite", Duration.ofSeconds(5)).voices());
    }

    @Test
    void aProgramThatHangsIsKilledAtItsTimeout(@TempDir Path dir) throws IOException {
        Path hang = dir.resolve("hang.sh");
        Files.writeString(hang, "#!/bin/sh\necho $$ > \"" + dir.resolve("pid") + "\"\nexec sleep 60\n");
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
        SpeechVoice slt = new SpeechVoice(FliteEngine.ID, "slt", "SLT", "en-US", Gender.FEMALE, List.of());
        long t0 = System.nanoTime();
        SpeechException e = assertThrows(SpeechException.class, () -> new FliteEngine(hang.toString(),
                Duration.ofMillis(300)).speak("Hello.", slt, Prosody.NEUTRAL));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.getMessage().contains("did not finish within 300 ms"), e.getMessage());
        assertTrue(seconds < 10, "took " + seconds + " s");
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "the hung program still runs");
    }

    @Test
    void fliteUtterancesAreLaidEndToEnd() {
        List<String> names = new ArrayList<>();
        List<Double> ends = new ArrayList<>();
        FliteEngine.readPhones("pau:0.184 dh:0.228 ax:0.269 pau:1.897 \nnoise\npau:0.209 ae:0.295 pau:1.920 \n",
                names, ends);
        assertEquals(List.of("pau", "dh", "ax", "pau", "pau", "ae", "pau"), names);
        assertEquals(1.897 + 0.295, ends.get(5), 1e-9);
        assertEquals(1.897 + 1.920, ends.get(6), 1e-9);
    }

    @Test
    void phoneEndsBeyondTheAudioAreScaledOntoIt() {
        List<PhonemeTiming> tiles = PhoneTiles.tile(List.of("pau", "hh", "ay"), List.of(0.2, 0.5, 1.2), 1.0);
        assertEquals(1.0, tiles.get(2).end(), 1e-9);
        assertEquals(0.5 / 1.2, tiles.get(1).end(), 1e-9);
        List<PhonemeTiming> short_ = PhoneTiles.tile(List.of("hh", "ay"), List.of(0.3, 0.6), 1.0);
        assertEquals(new PhonemeTiming("pau", 0.6, 1.0), short_.get(2));
    }

    @Test
    void festivalTextIsOneSchemeStringWhateverItHolds() {
        assertEquals("say \\\"hi\\\" \\\\ (now); ok", FestivalEngine.literal("say \"hi\" \\ (now);\nok"));
        Speech speech = FestivalEngineTest.ENGINE.speak("She said \"hi\" (twice); then \\ stopped.\")) (exit)",
                FestivalEngine.SLT_HTS_VOICE, Prosody.NEUTRAL);
        List<String> words = speech.words().stream().map(WordTiming::word).toList();
        assertTrue(words.containsAll(List.of("She", "said", "hi", "twice", "then", "stopped", "exit")),
                words.toString());
    }
}
