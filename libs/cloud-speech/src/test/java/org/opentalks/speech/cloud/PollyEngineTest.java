package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
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
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class PollyEngineTest {
    static final AwsCredentials OPERATOR = AwsCredentials.of("AKIAOPERATOR0000", "operator/secret+key0000", null);
    static final AwsCredentials CLIENT = AwsCredentials.of("ASIACLIENT111111", "client/secret+key1111",
            "client-session-token-2222");
    static final Map<String, AwsCredentials> KNOWN = Map.of(OPERATOR.accessKeyId().reveal(), OPERATOR,
            CLIENT.accessKeyId().reveal(), CLIENT);
    static final Set<String> NEURAL_VOICES = Set.of("Joanna", "Matthew");
    static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/"
            + "([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

    StandIn standIn;
    final HttpClient http = ProviderHttp.client(Duration.ofSeconds(5));
    /** Like Polly, the same input always sounds the same: audio and marks agree. */
    final Map<String, TestSpeech.Spoken> spoken = new ConcurrentHashMap<>();
    /** The region signatures must be scoped to. */
    volatile String region = "us-east-1";

    @BeforeEach
    void start() throws Exception {
        standIn = new StandIn().on("/v1/speech", this::synthesize).on("/v1/voices", this::voices);
    }

    @AfterEach
    void stop() {
        standIn.close();
        assertEquals(List.of(), standIn.failures());
    }

    static StandIn.Reply awsError(int status, String type, String message) {
        return new StandIn.Reply(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType",
                type + ":http://internal.amazon.com/coral/com.amazonaws.kindletts/"),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** AWS's check of a SigV4 signature: the scope, the signed headers, and the signature recomputed. */
    StandIn.Reply refusal(StandIn.Received r) {
        Matcher m = AUTHORIZATION.matcher(String.valueOf(r.header("Authorization")));
        if (!m.matches()) {
            return awsError(403, "IncompleteSignatureException", "Authorization header requires a valid Credential.");
        }
        AwsCredentials credentials = KNOWN.get(m.group(1));
        if (credentials == null) {
            return awsError(403, "UnrecognizedClientException", "The security token included in the request is "
                    + "invalid.");
        }
        String amzDate = r.header("X-Amz-Date");
        Set<String> signed = Set.of(m.group(5).split(";"));
        if (amzDate == null || !amzDate.startsWith(m.group(2)) || !m.group(3).equals(region)
                || !m.group(4).equals("polly") || !signed.containsAll(Set.of("host", "x-amz-date"))
                || r.body().length > 0 && !signed.contains("content-type")
                || credentials.sessionToken() != null && !signed.contains("x-amz-security-token")) {
            return awsError(403, "InvalidSignatureException", "Credential should be scoped correctly.");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String name : signed) {
            if (!Set.of("host", "x-amz-date", "x-amz-security-token").contains(name)) {
                headers.put(name, r.header(name));
            }
        }
        Instant when = LocalDateTime.parse(amzDate, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        if (Duration.between(when, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            // AWS allows 15 minutes of clock skew.
            return awsError(403, "InvalidSignatureException", "Signature expired: " + amzDate + " is now earlier "
                    + "than the time allowed.");
        }
        URI uri = URI.create("http://" + r.header("Host") + r.path() + (r.query() == null ? "" : "?" + r.query()));
        String expected = AwsSigV4.sign(r.method(), uri, headers, r.body(), credentials, region, "polly", when)
                .authorization();
        if (!expected.equals(r.header("Authorization"))) {
            return awsError(403, "InvalidSignatureException", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        return null;
    }

    /** Polly's SynthesizeSpeech as documented: PCM, or speech marks as JSON lines. */
    StandIn.Reply synthesize(StandIn.Received r) throws Exception {
        StandIn.Reply refused = refusal(r);
        if (refused != null) {
            return refused;
        }
        JsonNode body = Json.MAPPER.readTree(r.body());
        String voice = body.path("VoiceId").asText();
        if (!NEURAL_VOICES.contains(voice) && !voice.equals("Ivy")) {
            return awsError(400, "ValidationException", "1 validation error detected: Value '" + voice + "' at "
                    + "'voiceId' failed to satisfy constraint: Member must satisfy enum value set: [Joanna, Ivy, "
                    + "Matthew]");
        }
        if (body.path("Engine").asText().equals("neural") && !NEURAL_VOICES.contains(voice)) {
            return awsError(400, "EngineNotSupportedException", "This voice does not support the selected engine: "
                    + "neural");
        }
        String text = body.path("Text").asText();
        if (text.length() > 3000) {
            return awsError(400, "TextLengthExceededException", "Maximum text length has been exceeded");
        }
        if (body.path("TextType").asText().equals("ssml")) {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
                if (!d.getDocumentElement().getTagName().equals("speak") || text.contains("mstts:")) {
                    throw new IllegalArgumentException();
                }
                text = d.getDocumentElement().getTextContent();
            } catch (Exception e) {
                return awsError(400, "InvalidSsmlException", "Invalid SSML request");
            }
        }
        if (text.contains("throttle")) {
            return awsError(400, "ThrottlingException", "Rate exceeded");
        }
        TestSpeech.Spoken audio = spoken.computeIfAbsent(voice + ":" + text, k -> TestSpeech.speak(
                body.path("Text").asText().replaceAll("<[^>]*>", " ").strip(), 16_000));
        return switch (body.path("OutputFormat").asText()) {
            case "pcm" -> body.path("SampleRate").asText().equals("16000")
                    ? StandIn.Reply.bytes(200, "audio/pcm", audio.pcm16le())
                    : awsError(400, "InvalidSampleRateException", "Invalid sample rate");
            case "json" -> marksRequested(body) ? StandIn.Reply.bytes(200, "application/x-json-stream",
                    marks(body.path("Text").asText(), audio).getBytes(StandardCharsets.UTF_8))
                    : awsError(400, "ValidationException", "SpeechMarkTypes must be given for json");
            default -> awsError(400, "ValidationException", "OutputFormat must be mp3, ogg_vorbis, pcm or json");
        };
    }

    static boolean marksRequested(JsonNode body) {
        List<String> types = new ArrayList<>();
        body.path("SpeechMarkTypes").forEach(t -> types.add(t.asText()));
        return types.containsAll(List.of("viseme", "word"));
    }

    /** Word and viseme marks at the audio's real times, words located in the text by byte offsets. */
    static String marks(String text, TestSpeech.Spoken audio) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        int searchFrom = 0;
        int phone = 0;
        for (TestSpeech.Span word : audio.words()) {
            // Phones before this word (the pause between words) are silence marks.
            while (phone < audio.phones().size() && audio.phones().get(phone).start() < word.start() - 1e-9) {
                appendViseme(out, audio.phones().get(phone++));
            }
            int start = latin.indexOf(new String(word.name().getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1), searchFrom);
            int end = start + word.name().getBytes(StandardCharsets.UTF_8).length;
            searchFrom = end;
            // Polly marks a word where its first sound starts.
            double onset = audio.onset(word);
            while (phone < audio.phones().size() && audio.phones().get(phone).start() < onset - 1e-9) {
                appendViseme(out, audio.phones().get(phone++));
            }
            out.append(String.format(Locale.ROOT, "{\"time\":%d,\"type\":\"word\",\"start\":%d,\"end\":%d,"
                    + "\"value\":\"%s\"}\n", Math.round(onset * 1000), start, end, word.name()));
            while (phone < audio.phones().size() && audio.phones().get(phone).start() < word.end() - 1e-9) {
                appendViseme(out, audio.phones().get(phone++));
            }
        }
        return out.toString();
    }

    static void appendViseme(StringBuilder out, TestSpeech.Span phone) {
        out.append(String.format(Locale.ROOT, "{\"time\":%d,\"type\":\"viseme\",\"value\":\"%s\"}\n",
                Math.round(phone.start() * 1000), pollyViseme(phone.name())));
    }

    /** espeak-ng's mnemonic to the viseme Polly's table gives that sound. */
    static String pollyViseme(String espeak) {
        return switch (espeak.charAt(0)) {
            case '_' -> "sil";
            case 'p', 'b', 'm' -> "p";
            case 'f', 'v' -> "f";
            case 'T', 'D' -> "T";
            case 's', 'z' -> "s";
            case 'S', 'Z' -> "S";
            case 'k', 'g', 'N', 'h' -> "k";
            case 'r' -> "r";
            case 'l' -> "l";
            case 'i', 'I', 'j' -> "i";
            case 'a', 'A', 'V' -> "a";
            case 'e' -> "e";
            case 'E', '3' -> "E";
            case '@' -> "@";
            case 'o' -> "o";
            case 'O', '0' -> "O";
            case 'u', 'U', 'w' -> "u";
            default -> "t";
        };
    }

    StandIn.Reply voices(StandIn.Received r) {
        StandIn.Reply refused = refusal(r);
        if (refused != null) {
            return refused;
        }
        if (r.query() == null || !r.query().contains("Engine=neural")) {
            return awsError(400, "ValidationException", "expected the engine");
        }
        if (!r.query().contains("NextToken=")) {
            return StandIn.Reply.json(200, """
                    {"Voices": [{"Gender": "Female", "Id": "Joanna", "LanguageCode": "en-US",
                                 "LanguageName": "US English", "Name": "Joanna", "SupportedEngines": ["neural"]}],
                     "NextToken": "page/2"}""");
        }
        return StandIn.Reply.json(200, r.query().contains("NextToken=page%2F2") ? """
                {"Voices": [{"Gender": "Male", "Id": "Matthew", "LanguageCode": "en-US", "Name": "Matthew"}]}"""
                : "{\"Voices\": []}");
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

        TestSpeech.Spoken sent = spoken.values().iterator().next();
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
        region = "eu-west-1";
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
        int samples = spoken.values().stream().mapToInt(s -> s.samples().length).sum();
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
