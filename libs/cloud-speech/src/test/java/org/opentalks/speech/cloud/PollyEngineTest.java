package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.PhoneSet;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.VisemeMapper;
import org.opentalks.speech.WordTiming;

class PollyEngineTest {
    static final AwsCredentials OPERATOR = AwsCredentials.of("AKIAOPERATOR0000", "operator/secret+key0000", null);
    static final AwsCredentials CLIENT = AwsCredentials.of("ASIACLIENT111111", "client/secret+key1111",
            "client-session-token-2222");
    PollyStandIn polly;
    StandIn standIn;
    final HttpClient http = ProviderHttp.client(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws Exception {
        polly = new PollyStandIn(List.of(OPERATOR, CLIENT), "us-east-1");
        standIn = polly.server();
    }

    @AfterEach
    void stop() {
        polly.close();
        assertEquals(List.of(), standIn.failures());
    }

    PollyEngine engine(AwsCredentials credentials, String engine) {
        return new PollyEngine(new PollyConfig(credentials, "us-east-1", standIn.base(), engine, null), http);
    }

    static List<JsonNode> bodies(List<StandIn.Received> requests) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (StandIn.Received r : requests) {
            out.add(Json.MAPPER.readTree(r.body()));
        }
        return out;
    }

    static void assertTiles(List<PhonemeTiming> phones, double duration) {
        assertEquals(0.0, phones.get(0).start());
        assertEquals(duration, phones.get(phones.size() - 1).end(), 1e-9);
        for (int i = 1; i < phones.size(); i++) {
            assertEquals(phones.get(i - 1).end(), phones.get(i).start(), 1e-12, "gap or overlap at " + phones.get(i));
        }
    }

    @Test
    void speaksWithVisemeAndWordMarks() throws Exception {
        String text = "Hello there, my friend. Five thin moths.";
        Speech speech = engine(OPERATOR, null).speak(CloudScript.text("amazon", "Joanna", text));

        List<StandIn.Received> requests = standIn.requests();
        assertEquals(2, requests.size(), "audio and marks");
        List<JsonNode> bodies = bodies(requests);
        JsonNode audioBody = bodies.stream().filter(b -> b.path("OutputFormat").asText().equals("pcm")).findFirst()
                .orElseThrow();
        JsonNode marksBody = bodies.stream().filter(b -> b.path("OutputFormat").asText().equals("json")).findFirst()
                .orElseThrow();
        for (JsonNode b : List.of(audioBody, marksBody)) {
            assertEquals(text, b.path("Text").asText());
            assertEquals("text", b.path("TextType").asText());
            assertEquals("Joanna", b.path("VoiceId").asText());
            assertEquals("neural", b.path("Engine").asText());
        }
        assertEquals("16000", audioBody.path("SampleRate").asText());
        assertEquals("[\"viseme\",\"word\"]", marksBody.path("SpeechMarkTypes").toString());
        for (StandIn.Received r : requests) {
            assertEquals("application/json", r.header("Content-Type"));
            assertTrue(r.header("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIAOPERATOR0000/"));
            assertTrue(r.header("Authorization").contains("/us-east-1/polly/aws4_request"));
        }

        TestSpeech.Spoken sent = polly.answered().iterator().next();
        assertArrayEquals(sent.samples(), speech.samples());
        assertEquals(16_000, speech.sampleRate());
        assertEquals(PhoneSet.POLLY_VISEME, speech.phoneSet());
        assertEquals("amazon:Joanna", speech.label());
        assertTiles(speech.phonemes(), speech.durationSeconds());

        assertEquals(List.of("Hello", "there,", "my", "friend.", "Five", "thin", "moths."),
                speech.words().stream().map(WordTiming::word).toList());
        for (int i = 0; i < sent.words().size(); i++) {
            TestSpeech.Span truth = sent.words().get(i);
            WordTiming w = speech.words().get(i);
            assertEquals(sent.onset(truth), w.start(), 0.0011, "marks are in whole milliseconds");
            // A word ends where its sound does, before the silence after it.
            assertTrue(w.end() <= truth.end() + 1e-6 && w.end() > truth.end() - 0.06, w + " against " + truth);
        }

        VisemeTrack track = new VisemeMapper().track(speech);
        assertEquals(Viseme.PBM, track.at(speech.words().get(2).start() + 0.005), "m of my");
        assertEquals(Viseme.FV, track.at(speech.words().get(4).start() + 0.005), "f of five");
        assertEquals(Viseme.TH, track.at(speech.words().get(5).start() + 0.005), "th of thin");
        assertEquals(Viseme.REST, track.at((speech.words().get(0).end() + speech.words().get(1).start()) / 2),
                "the pause between words");
    }

    @Test
    void ssmlIsSentWholeInASpeakRoot() throws Exception {
        Speech speech = engine(OPERATOR, null).speak(new CloudScript("amazon", "Matthew",
                "Hello <break time=\"300ms\"/> <amazon:effect name=\"whispered\">friends</amazon:effect>", true,
                Map.of(), null, "en-US"));
        JsonNode body = bodies(standIn.requests()).get(0);
        assertEquals("ssml", body.path("TextType").asText());
        assertEquals("en-US", body.path("LanguageCode").asText());
        assertEquals("<speak>Hello <break time=\"300ms\"/> <amazon:effect name=\"whispered\">friends</amazon:effect>"
                + "</speak>", body.path("Text").asText());
        assertEquals(List.of("Hello", "friends"), speech.words().stream().map(WordTiming::word).toList());
    }

    @Test
    void refusalsBecomeDidsKindsInPollysWords() {
        SpeechException unknown = assertThrows(SpeechException.class, () -> engine(
                AwsCredentials.of("AKIANOBODY000000", "nobody/secret", null), null)
                .speak(CloudScript.text("amazon", "Joanna", "Hi.")));
        assertEquals(Cause.CREDENTIALS, unknown.reason());
        assertTrue(unknown.getMessage().startsWith("Amazon Polly: The security token included in the request is "
                + "invalid (HTTP 403)"), unknown.getMessage());
        assertFalse(unknown.getMessage().contains("nobody/secret"));

        SpeechException badSecret = assertThrows(SpeechException.class, () -> engine(
                AwsCredentials.of(OPERATOR.accessKeyId().reveal(), "not/the/secret", null), null)
                .speak(CloudScript.text("amazon", "Joanna", "Hi.")));
        assertEquals(Cause.CREDENTIALS, badSecret.reason());
        assertTrue(badSecret.getMessage().contains("signature we calculated does not match"), badSecret.getMessage());

        PollyEngine engine = engine(OPERATOR, null);
        SpeechException voice = assertThrows(SpeechException.class, () -> engine.speak(CloudScript.text("amazon",
                "Nobody", "Hi.")));
        assertEquals(Cause.VOICE, voice.reason());
        SpeechException standardOnly = assertThrows(SpeechException.class, () -> engine.speak(CloudScript.text(
                "amazon", "Ivy", "Hi.")));
        assertEquals(Cause.VOICE, standardOnly.reason());
        assertTrue(standardOnly.getMessage().contains("does not support the selected engine: neural"),
                standardOnly.getMessage());
        SpeechException ssml = assertThrows(SpeechException.class, () -> engine.speak(new CloudScript("amazon",
                "Joanna", "<mstts:express-as style=\"cheerful\">Hi</mstts:express-as>", true, Map.of(), null, null)));
        assertEquals(Cause.TEXT, ssml.reason());
        assertTrue(ssml.getMessage().startsWith("Amazon Polly: Invalid SSML request (HTTP 400)"), ssml.getMessage());
        SpeechException throttled = assertThrows(SpeechException.class, () -> engine.speak(CloudScript.text(
                "amazon", "Joanna", "Please throttle me.")));
        assertEquals(Cause.PROVIDER, throttled.reason());
    }

    @Test
    void theClientsTemporaryKeysInTheirOwnRegionOverrideTheOperators() {
        polly.region("eu-west-1");
        PollyEngine client = engine(OPERATOR, null).withClientKeys(ClientKeys.parse("{\"amazon\":{"
                + "\"access_key_id\":\"ASIACLIENT111111\",\"secret_access_key\":\"client/secret+key1111\","
                + "\"session_token\":\"client-session-token-2222\",\"region\":\"eu-west-1\"}}"));
        try (LogCapture log = new LogCapture()) {
            Speech speech = client.speak(CloudScript.text("amazon", "Joanna", "Good evening."));
            assertEquals(2, speech.words().size());
            for (String line : log.lines()) {
                assertFalse(line.contains("client/secret") || line.contains("client-session-token"), line);
            }
        }
        for (StandIn.Received r : standIn.requests()) {
            assertTrue(r.header("Authorization").contains("Credential=ASIACLIENT111111/"));
            assertTrue(r.header("Authorization").contains("/eu-west-1/polly/aws4_request"));
            assertEquals("client-session-token-2222", r.header("X-Amz-Security-Token"));
        }
    }

    @Test
    void longTextGoesInPiecesOfWholeSentences() throws Exception {
        String sentence = "The quick brown fox jumps over the lazy dog.";
        String text = String.join(" ", java.util.Collections.nCopies(70, sentence));
        assertTrue(text.length() > 3000);
        Speech speech = engine(OPERATOR, null).speak(CloudScript.text("amazon", "Joanna", text));
        List<JsonNode> bodies = bodies(standIn.requests());
        assertEquals(4, bodies.size(), "two pieces, each asked for audio and marks");
        int total = 0;
        for (JsonNode b : bodies) {
            String piece = b.path("Text").asText();
            assertTrue(piece.length() <= 3000 && piece.endsWith("dog."), "a piece of whole sentences");
            total += b.path("OutputFormat").asText().equals("pcm") ? piece.length() + 1 : 0;
        }
        assertEquals(text.length() + 1, total, "every character is spoken once");
        int samples = polly.answered().stream().mapToInt(s -> s.samples().length).sum();
        assertEquals(samples, speech.samples().length);
        assertEquals(70 * 9, speech.words().size());
        assertTiles(speech.phonemes(), speech.durationSeconds());
        double previous = 0;
        for (WordTiming w : speech.words()) {
            assertTrue(w.start() >= previous && w.end() <= speech.durationSeconds(), w.toString());
            previous = w.start();
        }
    }

    @Test
    void theRunEntryPointSendsTheRateAsSsml() throws Exception {
        PollyEngine engine = engine(OPERATOR, null);
        SpeechVoice voice = engine.voice("Joanna");
        engine.speak("Quickly now.", voice, new Prosody(1.5, 3, 0));
        String sent = bodies(standIn.requests()).get(0).path("Text").asText();
        assertEquals("<speak><prosody rate=\"150%\">Quickly now.</prosody></speak>", sent,
                "the neural engine shifts no pitch");
    }

    @Test
    void voicesAreListedPageByPage() {
        List<SpeechVoice> voices = engine(OPERATOR, null).voices();
        assertEquals(List.of("Joanna", "Matthew"), voices.stream().map(SpeechVoice::id).toList());
        assertEquals(org.opentalks.speech.Gender.MALE, voices.get(1).gender());
        assertEquals("en-US", voices.get(0).locale());
        assertEquals(2, standIn.requests().size());
        assertEquals("", standIn.requests().get(0).text(), "a GET, signed over an empty body");
    }
}
