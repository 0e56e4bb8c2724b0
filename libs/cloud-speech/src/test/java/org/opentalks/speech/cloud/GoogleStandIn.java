package org.opentalks.speech.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Google Cloud Text-to-Speech's REST API as documented: {@code POST /v1beta1/text:synthesize} with an API key
 * in {@code X-Goog-Api-Key} or an OAuth token as {@code Authorization: Bearer}, a JSON body ({@code input} text
 * or SSML, {@code voice}, {@code audioConfig}, {@code enableTimePointing}), answered with base64 LINEAR16 and a
 * time point per SSML mark; {@code GET /v1beta1/voices}. A text saying "quota" is answered 429.
 */
public final class GoogleStandIn extends ProviderStandIn {
    public static final Set<String> VOICES = Set.of("en-US-Wavenet-D", "he-IL-Wavenet-A", "en-US-Chirp3-HD-Charon");

    private final Set<String> apiKeys;
    private final Set<String> accessTokens;

    /**
     * @param apiKeys      the API keys it accepts
     * @param accessTokens the OAuth access tokens it accepts
     */
    public GoogleStandIn(Set<String> apiKeys, Set<String> accessTokens) throws IOException {
        this.apiKeys = Set.copyOf(apiKeys);
        this.accessTokens = Set.copyOf(accessTokens);
        server.on("/v1beta1/text:synthesize", this::synthesize).on("/v1beta1/voices", this::voices);
    }

    public static StandIn.Reply googleError(int code, String status, String message, String reason) {
        String details = reason == null ? "" : ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                + "\"reason\":\"" + reason + "\",\"domain\":\"googleapis.com\"}]";
        return StandIn.Reply.json(code, "{\"error\":{\"code\":" + code + ",\"message\":\"" + message
                + "\",\"status\":\"" + status + "\"" + details + "}}");
    }

    /** Google's answer to a key or token it does not know; null when the request is authorised. */
    private StandIn.Reply unauthorised(StandIn.Received r) {
        String key = r.header("X-Goog-Api-Key");
        String bearer = r.header("Authorization");
        if (key != null) {
            return apiKeys.contains(key) ? null : googleError(400, "INVALID_ARGUMENT",
                    "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
        }
        if (bearer != null && bearer.startsWith("Bearer ") && accessTokens.contains(bearer.substring(7))) {
            return null;
        }
        return googleError(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 "
                + "access token, login cookie or other valid authentication credential.", null);
    }

    /** text:synthesize as documented: base64 LINEAR16 (with its WAV header) and a time point per mark. */
    private StandIn.Reply synthesize(StandIn.Received r) throws Exception {
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
        answered(spoken);
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

    private static void walk(Node node, List<String> words, List<String> marks, List<Integer> markedWord) {
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

    private StandIn.Reply voices(StandIn.Received r) {
        StandIn.Reply refused = unauthorised(r);
        return refused != null ? refused : StandIn.Reply.json(200, """
                {"voices": [{"languageCodes": ["en-US"], "name": "en-US-Wavenet-D", "ssmlGender": "MALE",
                             "naturalSampleRateHertz": 24000},
                            {"languageCodes": ["he-IL"], "name": "he-IL-Wavenet-A", "ssmlGender": "FEMALE",
                             "naturalSampleRateHertz": 24000}]}""");
    }
}
