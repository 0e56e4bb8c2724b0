package org.opentalks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.opentalks.contract.json.Json;
import org.opentalks.speech.cloud.AwsCredentials;
import org.opentalks.speech.cloud.AzureStandIn;
import org.opentalks.speech.cloud.ElevenLabsStandIn;
import org.opentalks.speech.cloud.GoogleStandIn;
import org.opentalks.speech.cloud.PollyStandIn;
import org.opentalks.speech.cloud.ProviderStandIn;
import org.opentalks.speech.cloud.StandIn;
import org.opentalks.speech.cloud.TestSpeech;
import org.w3c.dom.Element;

/**
 * The four cloud providers D-ID speaks with, each a local stand-in that answers in the provider's documented
 * format and accepts only the client's keys made up for this run. The cluster is pointed at them
 * ({@link #endpoints()}) and has no operator keys, so a talk speaks with a provider only through the client's
 * {@code x-api-key-external}.
 */
final class ProviderStandIns implements AutoCloseable {
    /** A provider voice of each, as a D-ID client names it in {@code script.provider}. */
    static final Map<String, String> VOICES = Map.of("microsoft", "en-US-JennyNeural",
            "elevenlabs", ElevenLabsStandIn.RACHEL, "amazon", "Joanna", "google", "en-US-Wavenet-D");
    static final String AMAZON_REGION = "eu-west-1";

    final String azureKey = made("azure");
    final String elevenLabsKey = "sk_" + made("eleven");
    final String awsAccessKeyId = "AKIA" + made("").toUpperCase();
    final String awsSecretKey = "aws/secret+" + made("key");
    final String googleKey = "AIza" + made("google");
    final AzureStandIn azure;
    final ElevenLabsStandIn elevenLabs;
    final PollyStandIn polly;
    final GoogleStandIn google;

    ProviderStandIns(Path dir) throws IOException {
        azure = new AzureStandIn(Set.of(azureKey), azureKey);
        elevenLabs = new ElevenLabsStandIn(Set.of(elevenLabsKey), elevenLabsKey, dir);
        polly = new PollyStandIn(List.of(AwsCredentials.of(awsAccessKeyId, awsSecretKey, null)), AMAZON_REGION);
        google = new GoogleStandIn(Set.of(googleKey), Set.of());
    }

    /** A key no one else has: a word and 16 random hex digits. */
    private static String made(String word) {
        byte[] random = new byte[8];
        ThreadLocalRandom.current().nextBytes(random);
        return word + HexFormat.of().formatHex(random);
    }

    /** The tts-service's configuration that sends each provider's requests to its stand-in. */
    Map<String, String> endpoints() {
        return Map.of("opentalks.tts.microsoft.endpoint", azure.base().toString(),
                "opentalks.tts.elevenlabs.endpoint", elevenLabs.base().toString(),
                "opentalks.tts.amazon.endpoint", polly.base().toString(),
                "opentalks.tts.google.endpoint", google.base().toString());
    }

    /** The client's {@code x-api-key-external}: a key for every provider, in the forms ClientKeys documents. */
    String clientKeysHeader() {
        return Json.mapper().createObjectNode()
                .put("elevenlabs", elevenLabsKey)
                .<ObjectNode>set("microsoft", Json.mapper().createObjectNode()
                        .put("key", azureKey).put("region", "westeurope"))
                .<ObjectNode>set("amazon", Json.mapper().createObjectNode()
                        .put("access_key_id", awsAccessKeyId).put("secret_access_key", awsSecretKey)
                        .put("region", AMAZON_REGION))
                .put("google", googleKey)
                .toString();
    }

    /** The same header with every key wrong (each still well formed). */
    String wrongKeysHeader() {
        return clientKeysHeader().replace(elevenLabsKey, "sk_" + made("wrong"))
                .replace(azureKey, made("wrong")).replace(awsAccessKeyId, "AKIA" + made("").toUpperCase())
                .replace(googleKey, "AIza" + made("wrong"));
    }

    /** Every secret the client sent, right or wrong: none may be written anywhere. */
    List<String> secrets(String... headers) {
        List<String> secrets = new ArrayList<>(List.of(azureKey, elevenLabsKey, awsSecretKey, googleKey));
        for (String header : headers) {
            try {
                JsonNode keys = Json.mapper().readTree(header);
                secrets.add(keys.path("elevenlabs").asText());
                secrets.add(keys.path("microsoft").path("key").asText());
                secrets.add(keys.path("amazon").path("secret_access_key").asText());
                secrets.add(keys.path("google").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return secrets.stream().distinct().toList();
    }

    /** The stand-in of each provider, by D-ID's provider type. */
    Map<String, ProviderStandIn> byProvider() {
        return Map.of("microsoft", azure, "elevenlabs", elevenLabs, "amazon", polly, "google", google);
    }

    /** The audio the provider answered with: its one answer so far. */
    TestSpeech.Spoken answered(String provider) {
        List<TestSpeech.Spoken> answers = byProvider().get(provider).answered();
        assertEquals(1, answers.size(), () -> provider + " answered " + answers.size() + " times");
        return answers.get(0);
    }

    /**
     * The requests the provider received carried the client's key as the provider documents, named the voice
     * and the script, and asked for a format the provider offers; and the stand-in failed nowhere.
     */
    void assertDocumentedRequests(String provider, String script) throws Exception {
        switch (provider) {
            case "microsoft" -> {
                StandIn.Received r = only(azure.server(), "/cognitiveservices/v1");
                assertEquals(azureKey, r.header("Ocp-Apim-Subscription-Key"));
                assertEquals("application/ssml+xml", r.header("Content-Type"));
                assertEquals("riff-24khz-16bit-mono-pcm", r.header("X-Microsoft-OutputFormat"));
                Element voice = (Element) AzureStandIn.parse(r.text())
                        .getElementsByTagNameNS("http://www.w3.org/2001/10/synthesis", "voice").item(0);
                assertEquals("en-US-JennyNeural", voice.getAttribute("name"));
                assertEquals(script, voice.getTextContent().strip());
            }
            case "elevenlabs" -> {
                StandIn.Received r = only(elevenLabs.server(),
                        "/v1/text-to-speech/" + ElevenLabsStandIn.RACHEL + "/with-timestamps");
                assertEquals(elevenLabsKey, r.header("xi-api-key"));
                assertEquals("output_format=pcm_16000", r.query());
                JsonNode body = Json.mapper().readTree(r.body());
                assertEquals(script, body.path("text").asText());
                assertTrue(ElevenLabsStandIn.MODELS.contains(body.path("model_id").asText()), body::toString);
            }
            case "amazon" -> {
                List<StandIn.Received> requests = polly.server().requests();
                assertEquals(2, requests.size(), "Polly: the audio, then the speech marks");
                List<String> formats = new ArrayList<>();
                for (StandIn.Received r : requests) {
                    assertEquals("/v1/speech", r.path());
                    assertTrue(r.header("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=" + awsAccessKeyId
                            + "/"), r.header("Authorization"));
                    assertTrue(r.header("Authorization").contains("/" + AMAZON_REGION + "/polly/aws4_request"));
                    JsonNode body = Json.mapper().readTree(r.body());
                    assertEquals("Joanna", body.path("VoiceId").asText());
                    assertTrue(body.path("Text").asText().contains(script), body::toString);
                    formats.add(body.path("OutputFormat").asText());
                }
                assertEquals(Set.of("pcm", "json"), Set.copyOf(formats));
            }
            case "google" -> {
                StandIn.Received r = only(google.server(), "/v1beta1/text:synthesize");
                assertEquals(googleKey, r.header("X-Goog-Api-Key"));
                JsonNode body = Json.mapper().readTree(r.body());
                assertEquals("en-US-Wavenet-D", body.path("voice").path("name").asText());
                assertEquals("en-US", body.path("voice").path("languageCode").asText());
                assertEquals("LINEAR16", body.path("audioConfig").path("audioEncoding").asText());
                String said = body.path("input").has("ssml") ? body.path("input").path("ssml").asText()
                        .replaceAll("<[^>]*>", " ") : body.path("input").path("text").asText();
                assertEquals(script, said.strip().replaceAll("\\s+", " "));
            }
            default -> throw new IllegalArgumentException(provider);
        }
        assertEquals(List.of(), failures());
    }

    private static StandIn.Received only(StandIn server, String path) {
        List<StandIn.Received> requests = server.requests();
        assertEquals(1, requests.size(), () -> "one request to " + server.base() + ", got " + requests.size());
        assertEquals(path, requests.get(0).path());
        assertEquals("POST", requests.get(0).method());
        return requests.get(0);
    }

    List<Throwable> failures() {
        return byProvider().values().stream().flatMap(s -> s.server().failures().stream()).toList();
    }

    /**
     * No secret appears in any file under {@code dir} (the broker's log segments, the store's objects, every
     * service's log), read as bytes.
     */
    static void assertNowhereUnder(Path dir, List<String> secrets) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.size() > 10, () -> "the cluster's files: " + files);
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertFalse(content.contains(secret), () -> "a client key is written in " + file);
            }
        }
    }

    @Override
    public void close() {
        byProvider().values().forEach(ProviderStandIn::close);
    }
}
