package org.opentalks.speech.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Amazon Polly's API as AWS documents it: {@code POST /v1/speech} (SynthesizeSpeech) signed with Signature
 * Version 4, whose signature it recomputes from the credentials it knows; PCM audio, or word and viseme speech
 * marks as JSON lines; {@code GET /v1/voices}, paged. It knows Joanna, Matthew (neural) and Ivy. A text saying
 * "throttle" is answered with Polly's ThrottlingException.
 */
public final class PollyStandIn extends ProviderStandIn {
    public static final Set<String> NEURAL_VOICES = Set.of("Joanna", "Matthew");
    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/"
            + "([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");

    private final Map<String, AwsCredentials> known = new ConcurrentHashMap<>();
    /** Like Polly, the same input always sounds the same: audio and marks agree. */
    private final Map<String, TestSpeech.Spoken> spoken = new ConcurrentHashMap<>();
    /** The region signatures must be scoped to. */
    private volatile String region;

    /**
     * @param known  the credentials whose signatures it accepts
     * @param region the region signatures must be scoped to
     */
    public PollyStandIn(Collection<AwsCredentials> known, String region) throws IOException {
        known.forEach(c -> this.known.put(c.accessKeyId().reveal(), c));
        this.region = region;
        server.on("/v1/speech", this::synthesize).on("/v1/voices", this::voices);
    }

    /** What it spoke, one per distinct voice and text (the audio and the marks of one text are one). */
    @Override
    public List<TestSpeech.Spoken> answered() {
        return List.copyOf(spoken.values());
    }

    /** Scopes the signatures it accepts to another region. */
    public void region(String region) {
        this.region = region;
    }

    public static StandIn.Reply awsError(int status, String type, String message) {
        return new StandIn.Reply(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType",
                type + ":http://internal.amazon.com/coral/com.amazonaws.kindletts/"),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** AWS's check of a SigV4 signature: the scope, the signed headers, and the signature recomputed. */
    private StandIn.Reply refusal(StandIn.Received r) {
        Matcher m = AUTHORIZATION.matcher(String.valueOf(r.header("Authorization")));
        if (!m.matches()) {
            return awsError(403, "IncompleteSignatureException", "Authorization header requires a valid Credential.");
        }
        AwsCredentials credentials = known.get(m.group(1));
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
    private StandIn.Reply synthesize(StandIn.Received r) throws Exception {
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

    private static boolean marksRequested(JsonNode body) {
        List<String> types = new ArrayList<>();
        body.path("SpeechMarkTypes").forEach(t -> types.add(t.asText()));
        return types.containsAll(List.of("viseme", "word"));
    }

    /** Word and viseme marks at the audio's real times, words located in the text by byte offsets. */
    private static String marks(String text, TestSpeech.Spoken audio) {
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

    private static void appendViseme(StringBuilder out, TestSpeech.Span phone) {
        out.append(String.format(Locale.ROOT, "{\"time\":%d,\"type\":\"viseme\",\"value\":\"%s\"}\n",
                Math.round(phone.start() * 1000), pollyViseme(phone.name())));
    }

    /** espeak-ng's mnemonic to the viseme Polly's table gives that sound. */
    private static String pollyViseme(String espeak) {
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

    private StandIn.Reply voices(StandIn.Received r) {
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
}
