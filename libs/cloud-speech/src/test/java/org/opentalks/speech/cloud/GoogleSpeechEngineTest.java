package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
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
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

class GoogleSpeechEngineTest {
    static final String OPERATOR_KEY = "AIzaOperatorKey000000000000000000000";
    static final String CLIENT_TOKEN = "ya29.client-access-token-111";
    static final Set<String> VOICES = Set.of("en-US-Wavenet-D", "he-IL-Wavenet-A", "en-US-Chirp3-HD-Charon");

    StandIn standIn;
    final HttpClient http = ProviderHttp.client(Duration.ofSeconds(5));
    final List<TestSpeech.Spoken> answered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        standIn = new StandIn().on("/v1beta1/text:synthesize", this::synthesize).on("/v1beta1/voices", this::voices);
    }

    @AfterEach
    void stop() {
        standIn.close();
        assertEquals(List.of(), standIn.failures());
    }

    static StandIn.Reply googleError(int code, String status, String message, String reason) {
        String details = reason == null ? "" : ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"" + reason + "\",\"domain\":\"googleapis.com\"}]";
        return StandIn.Reply.json(code, "{\"error\":{\"code\":" + code + ",\"message\":\"" + message
                + "\",\"status\":\"" + status + "\"" + details + "}}");
    }

    /** Google's answer to a key or token it does not know; null when the request is authorised. */
    static StandIn.Reply unauthorised(StandIn.Received r) {
        String key = r.header("X-Goog-Api-Key");
        String bearer = r.header("Authorization");
        if (key != null) {
            return key.equals(OPERATOR_KEY) ? null : googleError(400, "INVALID_ARGUMENT",
                    "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
        }
        if (("Bearer " + CLIENT_TOKEN).equals(bearer)) {
            return null;
        }
        return googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                + "access token, login cookie or other valid authentication credential.", null);
    }

    /** text:synthesize as documented: base64 LINEAR16 (with its WAV header) and a time point per mark. */
    StandIn.Reply synthesize(StandIn.Received r) throws Exception {
        StandIn.Reply refused = unauthorised(r);
        if (refused != null) {
            return refused;
        }
        JsonNode body = Json.MAPPER.readTree(r.body());
        String voice = body.path("voice").path("name").asText();
        if (!VOICES.contains(voice) || !voice.startsWith(body.path("voice").path("languageCode").asText())) {
            return googleError(400, "INVALID_ARGUMENT", "Voice '" + voice + "' does not exist. Is it misspelled?",
                    null);
        }
        JsonNode audio = body.path("audioConfig");
        if (!audio.path("audioEncoding").asText().equals("LINEAR16")) {
            return googleError(400, "INVALID_ARGUMENT", "Unsupported audio encoding", null);
        }
        int rate = audio.path("sampleRateHertz").asInt();
        // Words in order, and for each mark the index of the word after it.
        List<String> words = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        List<Integer> markedWord = new ArrayList<>();
        if (body.path("input").has("ssml")) {
            if (voice.contains("Chirp")) {
                return googleError(400, "INVALID_ARGUMENT", "This voice does not support SSML input.", null);
            }
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element speak = factory.newDocumentBuilder()
                    .parse(new InputSource(new StringReader(body.path("input").path("ssml").asText())))
                    .getDocumentElement();
            walk(speak, words, marks, markedWord);
        } else {
            if (body.has("enableTimePointing") && voice.contains("Chirp")) {
                return googleError(400, "INVALID_ARGUMENT", "Time pointing is not supported for this voice.", null);
            }
            words.addAll(List.of(body.path("input").path("text").asText().strip().split("\\s+")));
        }
        String text = String.join(" ", words);
        if (text.contains("quota")) {
            return googleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests'.", null);
        }
        TestSpeech.Spoken spoken = TestSpeech.speak(text, rate);
        answered.add(spoken);
        ObjectNode answer = Json.object().put("audioContent", Base64.getEncoder().encodeToString(spoken.wav()));
        ArrayNode timepoints = answer.putArray("timepoints");
        for (int i = 0; i < marks.size(); i++) {
            int w = markedWord.get(i);
            double time = w < spoken.words().size() ? spoken.onset(spoken.words().get(w)) : spoken.duration();
            timepoints.addObject().put("markName", marks.get(i)).put("timeSeconds", time);
        }
        answer.putObject("audioConfig").put("audioEncoding", "LINEAR16").put("sampleRateHertz", rate);
        return StandIn.Reply.json(200, Json.MAPPER.writeValueAsString(answer));
    }

    static void walk(Node node, List<String> words, List<String> marks, List<Integer> markedWord) {
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && e.getTagName().equals("mark")) {
                marks.add(e.getAttribute("name"));
                markedWord.add(words.size());
            } else if (c instanceof Element e) {
                walk(e, words, marks, markedWord);
            } else if (c.getNodeType() == Node.TEXT_NODE) {
                for (String w : c.getNodeValue().strip().split("\\s+")) {
                    if (!w.isEmpty()) {
                        words.add(w);
                    }
                }
            }
        }
    }

    StandIn.Reply voices(StandIn.Received r) {
        StandIn.Reply refused = unauthorised(r);
        return refused != null ? refused : StandIn.Reply.json(200, """
                {"voices": [{"languageCodes": ["en-US"], "name": "en-US-Wavenet-D", "ssmlGender": "MALE",
                             "naturalSampleRateHertz": 24000},
                            {"languageCodes": ["he-IL"], "name": "he-IL-Wavenet-A", "ssmlGender": "FEMALE",
                             "naturalSampleRateHertz": 24000}]}""");
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

        TestSpeech.Spoken sent = answered.get(0);
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
        assertArrayEquals(answered.get(0).samples(), speech.samples());
    }

    @Test
    void voicesAreListed() {
        List<SpeechVoice> voices = engine(OPERATOR_KEY).voices();
        assertEquals(List.of("en-US-Wavenet-D", "he-IL-Wavenet-A"), voices.stream().map(SpeechVoice::id).toList());
        assertEquals("he-IL", voices.get(1).locale());
        assertEquals(org.opentalks.speech.Gender.FEMALE, voices.get(1).gender());
    }
}
