package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.PhoneSet;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.VisemeMapper;
import org.opentalks.speech.WordTiming;

class ElevenLabsEngineTest {
    static final String OPERATOR_KEY = "sk_operator_3a4b5c6d";
    static final String CLIENT_KEY = "sk_client_7e8f9a0b";
    static final String RACHEL = ElevenLabsStandIn.RACHEL;

    ElevenLabsStandIn eleven;
    StandIn standIn;
    final HttpClient http = ProviderHttp.client(Duration.ofSeconds(5));
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        eleven = new ElevenLabsStandIn(Set.of(OPERATOR_KEY, CLIENT_KEY), OPERATOR_KEY, dir);
        standIn = eleven.server();
    }

    @AfterEach
    void stop() {
        eleven.close();
        assertEquals(List.of(), standIn.failures());
    }

    ElevenLabsEngine engine(String key, String format) {
        return new ElevenLabsEngine(new ElevenLabsConfig(Secret.of(key), standIn.base(), null, format, null), http);
    }

    static void assertTiles(List<PhonemeTiming> phones, double duration) {
        assertEquals(0.0, phones.get(0).start());
        assertEquals(duration, phones.get(phones.size() - 1).end(), 1e-9);
        for (int i = 1; i < phones.size(); i++) {
            assertEquals(phones.get(i - 1).end(), phones.get(i).start(), 1e-12, "gap or overlap at " + phones.get(i));
            assertTrue(phones.get(i).end() > phones.get(i).start(), "empty " + phones.get(i));
        }
    }

    static void assertInOrderWithin(List<WordTiming> words, double duration) {
        double previous = 0;
        for (WordTiming w : words) {
            assertTrue(w.start() >= previous && w.end() >= w.start() && w.end() <= duration + 1e-9, w.toString());
            previous = w.start();
        }
    }

    @Test
    void speaksWithEveryCharacterTimed() throws Exception {
        String text = "Hello there, my friend. The bath is warm.";
        CloudScript script = new CloudScript("elevenlabs", RACHEL, text, false, Map.of("stability", "0.4",
                "similarity_boost", 0.8, "style", "0.2", "use_speaker_boost", "true", "rate", "1.1"), null, "en");
        Speech speech = engine(OPERATOR_KEY, null).speak(script);

        StandIn.Received request = standIn.requests().get(0);
        assertEquals("/v1/text-to-speech/" + RACHEL + "/with-timestamps", request.path());
        assertEquals("output_format=pcm_16000", request.query());
        assertEquals(OPERATOR_KEY, request.header("xi-api-key"));
        JsonNode body = Json.MAPPER.readTree(request.body());
        assertEquals(text, body.path("text").asText());
        assertEquals("eleven_multilingual_v2", body.path("model_id").asText());
        assertEquals("en", body.path("language_code").asText());
        JsonNode settings = body.path("voice_settings");
        assertEquals(0.4, settings.path("stability").asDouble());
        assertEquals(0.8, settings.path("similarity_boost").asDouble());
        assertEquals(0.2, settings.path("style").asDouble());
        assertTrue(settings.path("use_speaker_boost").asBoolean());
        assertEquals(1.1, settings.path("speed").asDouble());

        TestSpeech.Spoken sent = eleven.answered().get(0);
        assertArrayEquals(sent.samples(), speech.samples());
        assertEquals(16_000, speech.sampleRate());
        assertEquals(PhoneSet.LETTERS, speech.phoneSet());
        assertEquals("elevenlabs", speech.engine());
        assertTiles(speech.phonemes(), speech.durationSeconds());
        List<String> names = speech.phonemes().stream().map(PhonemeTiming::phoneme).toList();
        assertTrue(names.containsAll(List.of("th", "Th")), "digraphs are one phone: " + names);

        List<String> written = speech.words().stream().map(WordTiming::word).toList();
        assertEquals(List.of("Hello", "there,", "my", "friend.", "The", "bath", "is", "warm."), written);
        assertInOrderWithin(speech.words(), speech.durationSeconds());
        for (int i = 0; i < sent.words().size(); i++) {
            assertEquals(sent.onset(sent.words().get(i)), speech.words().get(i).start(), 1e-6);
            assertEquals(sent.words().get(i).end(), speech.words().get(i).end(), 1e-6);
        }

        // The mouth closes for the m of "my" and shows the tongue for the th of "there".
        VisemeTrack track = new VisemeMapper().track(speech);
        WordTiming my = speech.words().get(2);
        WordTiming there = speech.words().get(1);
        assertEquals(Viseme.PBM, track.at(my.start() + 0.01));
        assertEquals(Viseme.TH, track.at(there.start() + 0.01));
        assertEquals(Viseme.REST, track.at((there.end() + my.start()) / 2), "the space between words");
    }

    @Test
    void mp3AnswersAreDecoded() throws Exception {
        Speech speech = engine(OPERATOR_KEY, "mp3_44100_128").speak(CloudScript.text("elevenlabs", RACHEL,
                "Good morning everyone."));
        TestSpeech.Spoken sent = eleven.answered().get(0);
        assertEquals("output_format=mp3_44100_128", standIn.requests().get(0).query());
        assertEquals(16_000, speech.sampleRate(), "decoded to the pipeline's rate");
        assertEquals(sent.duration(), speech.durationSeconds(), 0.03, "MP3 keeps the duration to a frame");
        assertTiles(speech.phonemes(), speech.durationSeconds());
        assertEquals(3, speech.words().size());
        assertInOrderWithin(speech.words(), speech.durationSeconds());
        double peak = 0;
        for (short s : speech.samples()) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertTrue(peak > 3000, "the decoded audio is speech, not silence: peak " + peak);
    }

    @Test
    void aRefusedKeyIsACredentialsErrorWithElevenLabsMessage() {
        SpeechException e = assertThrows(SpeechException.class, () -> engine("sk_revoked_1234", null)
                .speak(CloudScript.text("elevenlabs", RACHEL, "Hello.")));
        assertEquals(Cause.CREDENTIALS, e.reason());
        assertTrue(e.getMessage().startsWith("ElevenLabs: Invalid API key (HTTP 401)"), e.getMessage());
        assertFalse(e.getMessage().contains("sk_revoked_1234"), e.getMessage());
    }

    @Test
    void theClientsKeyOverridesTheOperatorsAndIsNeverLogged() {
        try (LogCapture log = new LogCapture()) {
            ElevenLabsEngine client = engine(OPERATOR_KEY, null)
                    .withClientKeys(ClientKeys.parse("{\"elevenlabs\":\"" + CLIENT_KEY + "\"}"));
            client.speak(CloudScript.text("elevenlabs", RACHEL, "Hi there."));
            assertEquals(CLIENT_KEY, standIn.requests().get(0).header("xi-api-key"));
            SpeechException e = assertThrows(SpeechException.class, () -> client.speak(
                    CloudScript.text("elevenlabs", "nobodyAtAll000000000", "Hi.")));
            assertFalse(e.getMessage().contains(CLIENT_KEY));
            assertFalse(log.lines().isEmpty(), "requests are logged");
            for (String line : log.lines()) {
                assertFalse(line.contains(CLIENT_KEY) || line.contains(OPERATOR_KEY), line);
            }
        }
        assertNull(ClientKeys.NONE.elevenlabs());
        assertTrue(engine(OPERATOR_KEY, null).withClientKeys(ClientKeys.NONE).hasCredentials());
    }

    @Test
    void refusalsBecomeDidsKinds() {
        ElevenLabsEngine engine = engine(OPERATOR_KEY, null);
        SpeechException voice = assertThrows(SpeechException.class, () -> engine.speak(
                CloudScript.text("elevenlabs", "nobodyAtAll000000000", "Hi.")));
        assertEquals(Cause.VOICE, voice.reason());
        assertTrue(voice.getMessage().startsWith("ElevenLabs: A voice for the voice_id nobodyAtAll000000000 was not "
                + "found (HTTP 404)"), voice.getMessage());

        SpeechException model = assertThrows(SpeechException.class, () -> engine.speak(new CloudScript("elevenlabs",
                RACHEL, "Hi.", false, Map.of(), "eleven_nope", null)));
        assertEquals(Cause.VOICE, model.reason());

        SpeechException text = assertThrows(SpeechException.class, () -> engine.speak(
                CloudScript.text("elevenlabs", RACHEL, "Hi \u0000 there.")));
        assertEquals(Cause.TEXT, text.reason());

        SpeechException busy = assertThrows(SpeechException.class, () -> engine.speak(
                CloudScript.text("elevenlabs", RACHEL, "Do not overload us.")));
        assertEquals(Cause.PROVIDER, busy.reason());
        assertTrue(busy.getMessage().contains("(HTTP 429)") && busy.getMessage().contains("try again later"),
                busy.getMessage());

        int sent = standIn.requests().size();
        SpeechException config = assertThrows(SpeechException.class, () -> engine.speak(new CloudScript("elevenlabs",
                RACHEL, "Hi.", false, Map.of("stability", "1.5"), null, null)));
        assertEquals(Cause.VOICE, config.reason());
        assertEquals("voice_config.stability must be a number from 0 to 1, not '1.5'.", config.getMessage());
        assertEquals(sent, standIn.requests().size());
    }

    @Test
    void ssmlIsSpokenRunByRunWithExactBreaks() throws Exception {
        Speech speech = engine(OPERATOR_KEY, null).speak(new CloudScript("elevenlabs", RACHEL,
                "<speak>Hello <break time=\"700ms\"/> <prosody rate=\"fast\">world</prosody></speak>", true, Map.of(),
                "eleven_flash_v2_5", null));
        List<StandIn.Received> requests = standIn.requests();
        assertEquals(2, requests.size());
        assertEquals("Hello", Json.MAPPER.readTree(requests.get(0).body()).path("text").asText());
        JsonNode second = Json.MAPPER.readTree(requests.get(1).body());
        assertEquals("world", second.path("text").asText());
        assertEquals("eleven_flash_v2_5", second.path("model_id").asText());
        assertEquals(1.2, second.path("voice_settings").path("speed").asDouble(), "fast, within ElevenLabs' range");

        int first = eleven.answered().get(0).samples().length;
        int pause = (int) Math.round(0.7 * 16_000);
        assertEquals(first + pause + eleven.answered().get(1).samples().length, speech.samples().length);
        for (int i = first; i < first + pause; i++) {
            assertEquals(0, speech.samples()[i], "silence at sample " + i);
        }
        assertTiles(speech.phonemes(), speech.durationSeconds());
        assertEquals(List.of("Hello", "world"), speech.words().stream().map(WordTiming::word).toList());
        TestSpeech.Spoken world = eleven.answered().get(1);
        assertEquals((first + pause) / 16_000.0 + world.onset(world.words().get(0)), speech.words().get(1).start(),
                1e-6);
    }

    @Test
    void voicesAreListedFromTheAccount() {
        List<SpeechVoice> voices = engine(OPERATOR_KEY, null).voices();
        assertEquals(List.of(RACHEL, "pNInz6obpgDQGcFmaJgB"), voices.stream().map(SpeechVoice::id).toList());
        assertEquals("Rachel", voices.get(0).name());
        assertEquals(org.opentalks.speech.Gender.FEMALE, voices.get(0).gender());
        assertEquals("en-US", voices.get(0).locale());
        assertEquals("de-DE", voices.get(1).locale());
        List<String> names = new ArrayList<>();
        voices.forEach(v -> names.add(v.label()));
        assertEquals(List.of("elevenlabs:" + RACHEL, "elevenlabs:pNInz6obpgDQGcFmaJgB"), names);
    }
}
