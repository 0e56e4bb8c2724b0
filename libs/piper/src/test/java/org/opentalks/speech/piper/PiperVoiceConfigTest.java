package org.opentalks.speech.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.speech.Gender;

/** The keys of a Piper voice's .onnx.json, as Piper's own voices write them. */
class PiperVoiceConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatPiperReads() throws Exception {
        PiperVoiceConfig config = read("""
                {"dataset": "vctk", "audio": {"sample_rate": 16000, "quality": "low"},
                 "espeak": {"voice": "en-gb-x-rp"},
                 "language": {"code": "en_GB", "family": "en", "region": "GB", "name_native": "English",
                              "name_english": "English", "country_english": "Great Britain"},
                 "inference": {"noise_scale": 0.5, "length_scale": 1.2, "noise_w": 0.6},
                 "phoneme_type": "espeak", "phoneme_map": {"c": ["k"]},
                 "phoneme_id_map": {"_": [0], "^": [1], "$": [2], " ": [3], "a": [14], "ɪ": [74]},
                 "num_symbols": 256, "num_speakers": 3, "speaker_id_map": {"p239": 2, "p236": 0, "p264": 1},
                 "piper_version": "1.0.0"}""");
        assertEquals("vctk", config.dataset());
        assertEquals(16_000, config.sampleRate());
        assertEquals("low", config.quality());
        assertEquals("en-gb-x-rp", config.espeakVoice());
        assertEquals("en_GB", config.languageCode());
        assertEquals("Great Britain", config.countryName());
        assertEquals(0.5f, config.noiseScale());
        assertEquals(1.2f, config.lengthScale());
        assertEquals(0.6f, config.noiseW());
        assertTrue(config.phonemeIds().has('ɪ') && !config.phonemeIds().has('ʊ'));
        assertEquals(74, config.phonemeIds().maxId());
        assertEquals('k', config.phonemeMap().get((int) 'c')[0]);
        assertEquals(3, config.numSpeakers());
        assertTrue(config.multiSpeaker());
        assertEquals(List.of("p236", "p264", "p239"), List.copyOf(config.speakerIds().keySet()), "in sid order");
        assertEquals(PiperVoiceConfig.DEFAULT_HOP_LENGTH, config.hopLength());
        assertEquals("en-GB", PiperEngine.locale(config));
    }

    @Test
    void oldConfigsWithoutInferenceOrLanguageTakePipersDefaults() throws Exception {
        PiperVoiceConfig config = read("""
                {"audio": {"sample_rate": 22050}, "espeak": {"voice": "de"},
                 "phoneme_id_map": {"_": [0], "^": [1], "$": [2]}}""");
        assertEquals(PiperVoiceConfig.DEFAULT_NOISE_SCALE, config.noiseScale());
        assertEquals(1f, config.lengthScale());
        assertEquals(0.8f, config.noiseW());
        assertEquals(1, config.numSpeakers());
        assertEquals("de", PiperEngine.locale(config), "no region: the language alone");
        assertEquals(Gender.UNSPECIFIED, PiperEngine.gender(config.gender(), "de_DE-thorsten-medium"));
        assertEquals(Gender.MALE, PiperEngine.gender(config.gender(), "en_US-hfc_male-medium"));
        assertEquals(Gender.FEMALE, PiperEngine.gender("female", "de_DE-thorsten-medium"), "the config wins");
    }

    @Test
    void whatIsMissingOrWrongIsNamed() throws Exception {
        assertProblem("{\"espeak\": {\"voice\": \"en-us\"}, \"phoneme_id_map\": {\"_\": [0]}}",
                "voice.onnx.json has no positive integer audio.sample_rate (found nothing)");
        assertProblem("{\"audio\": {\"sample_rate\": 22050}, \"phoneme_id_map\": {\"_\": [0]}}",
                "voice.onnx.json has no espeak.voice");
        assertProblem("{\"audio\": {\"sample_rate\": 22050}, \"espeak\": {\"voice\": \"en-us\"}, "
                + "\"phoneme_type\": \"text\", \"phoneme_id_map\": {\"_\": [0]}}",
                "has phoneme_type \"text\": only espeak-ng phonemised Piper voices");
        assertProblem("{\"audio\": {\"sample_rate\": 22050}, \"espeak\": {\"voice\": \"en-us\"}, "
                + "\"phoneme_id_map\": {\"_\": [0], \"^\": [1], \"$\": [2], \"ab\": [3]}}",
                "phoneme_id_map key \"ab\" is not a single character");
        assertProblem("{\"audio\": {\"sample_rate\": 22050}, \"espeak\": {\"voice\": \"en-us\"}, "
                + "\"phoneme_id_map\": {\"_\": [0], \"^\": [1]}}", "phoneme_id_map has no ids for '$'");
        assertProblem("{\"audio\": {\"sample_rate\": 22050}, \"espeak\": {\"voice\": \"en-us\"}, "
                + "\"phoneme_id_map\": {\"_\": [0], \"^\": [1], \"$\": [2]}, \"num_speakers\": 2, "
                + "\"speaker_id_map\": {\"x\": 5}}", "speaker_id_map \"x\" is 5, not a speaker id below");
    }

    private void assertProblem(String json, String expected) throws Exception {
        PiperVoiceException e = assertThrows(PiperVoiceException.class, () -> read(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private PiperVoiceConfig read(String json) throws Exception {
        Path file = dir.resolve("voice.onnx.json");
        Files.writeString(file, json);
        return PiperVoiceConfig.read(file);
    }
}
