package org.opentalks.speech.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * ElevenLabs' API as documented: {@code POST /v1/text-to-speech/{voice_id}/with-timestamps?output_format=…}
 * with the key in {@code xi-api-key} and a JSON body ({@code text}, {@code model_id}, {@code voice_settings}),
 * answered with base64 audio and a character alignment; {@code GET /v1/voices}. It knows one voice, Rachel. A
 * text saying "overload" is answered 429.
 */
public final class ElevenLabsStandIn extends ProviderStandIn {
    public static final String RACHEL = "21m00Tcm4TlvDq8ikWAM";
    public static final Set<String> MODELS = Set.of("eleven_multilingual_v2", "eleven_flash_v2_5");

    private final Set<String> keys;
    private final String listingKey;
    private final Path dir;

    /**
     * @param keys       the API keys it speaks for
     * @param listingKey the one key it lists voices for (the operator's)
     * @param dir        where it encodes MP3 answers
     */
    public ElevenLabsStandIn(Set<String> keys, String listingKey, Path dir) throws IOException {
        this.keys = Set.copyOf(keys);
        this.listingKey = listingKey;
        this.dir = dir;
        server.under("/v1/text-to-speech/", this::synthesize).on("/v1/voices", this::voices);
    }

    public static StandIn.Reply detail(int status, String code, String message) {
        return StandIn.Reply.json(status, "{\"detail\":{\"status\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    private StandIn.Reply synthesize(StandIn.Received r) throws Exception {
        if (!keys.contains(r.header("xi-api-key"))) {
            return detail(401, "invalid_api_key", "Invalid API key");
        }
        String[] path = r.path().split("/");
        if (!r.method().equals("POST") || path.length != 5 || !path[4].equals("with-timestamps")) {
            return detail(404, "not_found", "Not found");
        }
        if (!path[3].equals(RACHEL)) {
            return detail(404, "voice_not_found", "A voice for the voice_id " + path[3] + " was not found.");
        }
        String format = r.query() == null ? "" : r.query().replace("output_format=", "");
        if (!Set.of("pcm_16000", "mp3_44100_128").contains(format)) {
            return detail(422, "invalid_output_format", "Invalid output format " + format);
        }
        JsonNode body = Json.MAPPER.readTree(r.body());
        String model = body.path("model_id").asText();
        if (!MODELS.contains(model)) {
            return detail(400, "model_not_found", "A model with model ID " + model + " was not found.");
        }
        String text = body.path("text").asText();
        if (text.contains("overload")) {
            return detail(429, "system_busy", "We are experiencing an unusually high load. Please try again later.");
        }
        if (text.contains("\u0000")) {
            return detail(400, "invalid_text", "The text contains characters that cannot be spoken.");
        }
        boolean mp3 = format.startsWith("mp3");
        TestSpeech.Spoken spoken = TestSpeech.speak(text, mp3 ? 44_100 : 16_000);
        answered(spoken);
        byte[] audio = mp3 ? TestSpeech.mp3(spoken, dir) : spoken.pcm16le();
        ObjectNode answer = Json.object().put("audio_base64", Base64.getEncoder().encodeToString(audio));
        alignment(answer.putObject("alignment"), text, spoken);
        return StandIn.Reply.json(200, Json.MAPPER.writeValueAsString(answer));
    }

    /** Every character timed: a word's letters share its sound, a space takes the silence between words. */
    private static void alignment(ObjectNode alignment, String text, TestSpeech.Spoken spoken) {
        List<TestSpeech.Span> words = spoken.words();
        ArrayNode chars = alignment.putArray("characters");
        ArrayNode starts = alignment.putArray("character_start_times_seconds");
        ArrayNode ends = alignment.putArray("character_end_times_seconds");
        int w = 0;
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == ' ') {
                chars.add(" ");
                starts.add(words.get(w - 1).end());
                ends.add(spoken.onset(words.get(w)));
                i++;
                continue;
            }
            TestSpeech.Span word = words.get(w++);
            int n = word.name().length();
            double onset = spoken.onset(word);
            double step = (word.end() - onset) / n;
            for (int k = 0; k < n; k++) {
                chars.add(String.valueOf(text.charAt(i + k)));
                starts.add(onset + k * step);
                ends.add(onset + (k + 1) * step);
            }
            i += n;
        }
    }

    private StandIn.Reply voices(StandIn.Received r) {
        if (!listingKey.equals(r.header("xi-api-key"))) {
            return detail(401, "invalid_api_key", "Invalid API key");
        }
        return StandIn.Reply.json(200, """
                {"voices": [{"voice_id": "21m00Tcm4TlvDq8ikWAM", "name": "Rachel", "category": "premade",
                             "labels": {"accent": "american", "gender": "female", "age": "young"}},
                            {"voice_id": "pNInz6obpgDQGcFmaJgB", "name": "Adam",
                             "labels": {"gender": "male"},
                             "verified_languages": [{"language": "de", "model_id": "eleven_multilingual_v2",
                                                     "locale": "de-DE"}]}]}""");
    }
}
