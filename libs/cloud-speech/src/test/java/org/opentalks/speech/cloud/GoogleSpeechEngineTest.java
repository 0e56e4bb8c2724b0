package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.WordTiming;

class GoogleSpeechEngineTest {
    static final String OPERATOR_KEY = "AIzaOperatorKey000000000000000000000";
    static final String CLIENT_TOKEN = "ya29.client-access-token-111";

    GoogleStandIn google;
    StandIn standIn;
    final HttpClient http = ProviderHttp.client(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws Exception {
        google = new GoogleStandIn(Set.of(OPERATOR_KEY), Set.of(CLIENT_TOKEN));
        standIn = google.server();
    }

    @AfterEach
    void stop() {
        google.close();
        assertEquals(List.of(), standIn.failures());
    }

    GoogleSpeechEngine engine(String key) {
        return new GoogleSpeechEngine(new GoogleTtsConfig(GoogleCredentials.of(key, null), standIn.base(), 0, null),
                http);
    }

    @Test
    void speaksWithAMarkBeforeEveryWord() throws Exception {
        String text = "Hello there, my good friend.";
        Speech speech = engine(OPERATOR_KEY).speak(new CloudScript("google", "en-US-Wavenet-D", text, false,
                Map.of("rate", "1.2", "pitch", "+2st"), null, null));

        StandIn.Received request = standIn.requests().get(0);
        assertEquals(OPERATOR_KEY, request.header("X-Goog-Api-Key"));
        assertNull(request.query(), "the key stays out of the URL");
        JsonNode body = Json.MAPPER.readTree(request.body());
        assertEquals("<speak><mark name=\"ot-w0\"/>Hello <mark name=\"ot-w1\"/>there, <mark name=\"ot-w2\"/>my "
                + "<mark name=\"ot-w3\"/>good <mark name=\"ot-w4\"/>friend.</speak>",
                body.path("input").path("ssml").asText());
        assertEquals("en-US", body.path("voice").path("languageCode").asText());
        assertEquals("en-US-Wavenet-D", body.path("voice").path("name").asText());
        assertEquals("LINEAR16", body.path("audioConfig").path("audioEncoding").asText());
        assertEquals(24_000, body.path("audioConfig").path("sampleRateHertz").asInt());
        assertEquals(1.2, body.path("audioConfig").path("speakingRate").asDouble());
        assertEquals(2.0, body.path("audioConfig").path("pitch").asDouble());
        assertEquals("[\"SSML_MARK\"]", body.path("enableTimePointing").toString());

        TestSpeech.Spoken sent = google.answered().get(0);
        assertArrayEquals(sent.samples(), speech.samples());
        assertEquals(24_000, speech.sampleRate());
        assertEquals(List.of(), speech.phonemes(), "Google times no phones");
        assertEquals(List.of("Hello", "there,", "my", "good", "friend."),
                speech.words().stream().map(WordTiming::word).toList());
        for (int i = 0; i < sent.words().size(); i++) {
            TestSpeech.Span truth = sent.words().get(i);
            WordTiming w = speech.words().get(i);
            assertEquals(sent.onset(truth), w.start(), 1e-6);
            assertTrue(w.end() <= truth.end() + 1e-6 && w.end() > truth.end() - 0.06, w + " against " + truth);
        }
        VisemeTrack track = new CloudSpeech(CloudSpeechConfig.none(), http).visemes(speech);
        assertEquals(speech.durationSeconds(), track.durationSeconds(), 1e-9);
        assertTrue(track.segments().stream().anyMatch(s -> s.viseme() != Viseme.REST));
    }

    @Test
    void theClientsSsmlIsMarkedWordByWord() throws Exception {
        String ssml = "<speak>Call <say-as interpret-as=\"characters\">ABC</say-as> at <sub alias=\"nine\">9</sub>"
                + "<break time=\"200ms\"/> <emphasis level=\"strong\">today</emphasis>.<mark name=\"mine\"/></speak>";
        Speech speech = engine(OPERATOR_KEY).speak(new CloudScript("google", "en-US-Wavenet-D", ssml, true, Map.of(),
                null, null));
        String sent = Json.MAPPER.readTree(standIn.requests().get(0).body()).path("input").path("ssml").asText();
        assertEquals("<speak><mark name=\"ot-w0\"/>Call <mark name=\"ot-w1\"/><say-as interpret-as=\"characters\">"
                + "ABC</say-as> <mark name=\"ot-w2\"/>at <mark name=\"ot-w3\"/><sub alias=\"nine\">9</sub>"
                + "<break time=\"200ms\"/> <emphasis level=\"strong\"><mark name=\"ot-w4\"/>today</emphasis>"
                + ".<mark name=\"mine\"/></speak>", sent);
        assertEquals(List.of("Call", "ABC", "at", "9", "today"),
                speech.words().stream().map(WordTiming::word).toList());
        double previous = 0;
        for (WordTiming w : speech.words()) {
            assertTrue(w.start() >= previous && w.end() <= speech.durationSeconds() + 1e-9, w.toString());
            previous = w.start();
        }
    }

    @Test
    void lonePunctuationGetsNoMark() {
        GoogleMarks.Marked marked = GoogleMarks.plain("Wait — what? <b>&");
        assertEquals("<speak><mark name=\"ot-w0\"/>Wait — <mark name=\"ot-w1\"/>what? "
                + "<mark name=\"ot-w2\"/>&lt;b&gt;&amp;</speak>", marked.ssml());
        assertEquals(List.of("Wait", "what?", "<b>&"), marked.words());
    }

    @Test
    void anInvalidKeyIsACredentialsErrorThoughGoogleAnswers400() {
        SpeechException e = assertThrows(SpeechException.class, () -> engine("AIzaWrongKey")
                .speak(CloudScript.text("google", "en-US-Wavenet-D", "Hello.")));
        assertEquals(Cause.CREDENTIALS, e.reason());
        assertTrue(e.getMessage().startsWith("Google Text-to-Speech: API key not valid. Please pass a valid API key "
                + "(HTTP 400)"), e.getMessage());
        assertFalse(e.getMessage().contains("AIzaWrongKey"));
    }

    @Test
    void theClientsAccessTokenOverridesTheOperatorsKey() {
        GoogleSpeechEngine client = engine(OPERATOR_KEY)
                .withClientKeys(ClientKeys.parse("{\"google\":{\"access_token\":\"" + CLIENT_TOKEN + "\"}}"));
        try (LogCapture log = new LogCapture()) {
            client.speak(CloudScript.text("google", "he-IL-Wavenet-A", "Shalom."));
            for (String line : log.lines()) {
                assertFalse(line.contains(CLIENT_TOKEN) || line.contains(OPERATOR_KEY), line);
            }
        }
        StandIn.Received request = standIn.requests().get(0);
        assertEquals("Bearer " + CLIENT_TOKEN, request.header("Authorization"));
        assertNull(request.header("X-Goog-Api-Key"));
        SpeechException expired = assertThrows(SpeechException.class, () -> engine(OPERATOR_KEY)
                .withClientKeys(ClientKeys.parse("{\"google\":{\"access_token\":\"ya29.expired\"}}"))
                .speak(CloudScript.text("google", "he-IL-Wavenet-A", "Shalom.")));
        assertEquals(Cause.CREDENTIALS, expired.reason());
        assertFalse(expired.getMessage().contains("ya29.expired"));
    }

    @Test
    void refusalsBecomeDidsKinds() {
        GoogleSpeechEngine engine = engine(OPERATOR_KEY);
        SpeechException voice = assertThrows(SpeechException.class, () -> engine.speak(CloudScript.text("google",
                "en-US-Nobody-Z", "Hi.")));
        assertEquals(Cause.VOICE, voice.reason());
        SpeechException quota = assertThrows(SpeechException.class, () -> engine.speak(CloudScript.text("google",
                "en-US-Wavenet-D", "Over quota.")));
        assertEquals(Cause.PROVIDER, quota.reason());
        assertTrue(quota.getMessage().contains("Quota exceeded") && quota.getMessage().contains("(HTTP 429)"));
        SpeechException broken = assertThrows(SpeechException.class, () -> engine.speak(new CloudScript("google",
                "en-US-Wavenet-D", "<speak>Hi <break</speak>", true, Map.of(), null, null)));
        assertEquals(Cause.TEXT, broken.reason());
    }

    @Test
    void voicesWithoutSsmlGetPlainTextAndNoWordTimes() throws Exception {
        Speech speech = engine(OPERATOR_KEY).speak(CloudScript.text("google", "en-US-Chirp3-HD-Charon",
                "Plain and simple."));
        JsonNode body = Json.MAPPER.readTree(standIn.requests().get(0).body());
        assertEquals("Plain and simple.", body.path("input").path("text").asText());
        assertFalse(body.has("enableTimePointing"));
        assertEquals(List.of(), speech.words());
        assertArrayEquals(google.answered().get(0).samples(), speech.samples());
    }

    @Test
    void voicesAreListed() {
        List<SpeechVoice> voices = engine(OPERATOR_KEY).voices();
        assertEquals(List.of("en-US-Wavenet-D", "he-IL-Wavenet-A"), voices.stream().map(SpeechVoice::id).toList());
        assertEquals("he-IL", voices.get(1).locale());
        assertEquals(org.opentalks.speech.Gender.FEMALE, voices.get(1).gender());
    }
}
