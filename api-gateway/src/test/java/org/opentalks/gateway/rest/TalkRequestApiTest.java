package org.opentalks.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.MEDIA_BASE_URL;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/**
 * The POST /talks body: every field of D-ID's request union is accepted and reaches the pipeline
 * unchanged in {@code talks.requested}; the config is echoed with every default; strings are
 * coerced; unknown fields are ignored and named in a header, as D-ID ignores them; a value that does
 * not fit its field is a ValidationError naming the field's path.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class TalkRequestApiTest {
    /** The catalogue a tts-service would have published. */
    @BeforeEach
    void catalogue() {
        TestCatalogue.publish(store);
    }

    private static final String SOURCE = "https://example.com/photos/me.png";

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void everyFieldOfATextTalkIsCarriedIntoTalksRequestedUnchanged() {
        String sourceUrl = Api.uploadImage(ALICE, Samples.photo("astronaut.png")).get("url").asText();

        String id = Api.createTalk(ALICE, """
                {"source_url": "%s",
                 "driver_url": "bank://lively/driver-03",
                 "script": {"type": "text", "input": "Hello <break time='500ms'/> there.", "ssml": true,
                            "subtitles": true,
                            "provider": {"type": "microsoft", "voice_id": "en-US-GuyNeural",
                                         "voice_config": {"style": "Cheerful", "rate": "0.9", "pitch": "+2st"},
                                         "language": "English (United States)"}},
                 "config": {"stitch": true, "result_format": ".mov", "fluent": true, "pad_audio": 1.5,
                            "logo": {"url": "https://example.com/brand/logo.png", "position": [10, -20]},
                            "driver_expressions": {"expressions": [
                                {"start_frame": 0, "expression": "happy", "intensity": 0.8},
                                {"start_frame": 25, "expression": "surprise", "intensity": 1}],
                                "transition_frames": 5},
                            "align_driver": false, "align_expand_factor": 0.5, "auto_match": false,
                            "motion_factor": 0.7, "normalization_factor": 0.2, "sharpen": false},
                 "face": {"size": 256, "top_left": [-10, 20], "overlap": "PARTIAL", "face_id": "face-1",
                          "detect_confidence": 0.97,
                          "detection": {"top": 30, "left": 40, "bottom": 250, "right": 260}},
                 "user_data": "order-42", "name": "greeting", "webhook": "https://example.com/hook?talk=1",
                 "result_url": "https://uploads.example.com/put/here.mp4", "persist": true}
                """.formatted(sourceUrl)).get("id").asText();

        TalkSpec expected = new TalkSpec(sourceUrl, "bank://lively/driver-03",
                new TalkSpec.Script("text", "Hello <break time='500ms'/> there.",
                        new TalkSpec.Provider("microsoft", "en-US-GuyNeural",
                                Map.of("style", "Cheerful", "rate", "0.9", "pitch", "+2st"), null,
                                "English (United States)"),
                        true, true, null, false),
                new TalkSpec.TalkConfig(true, "mov", true, 1.5,
                        new TalkSpec.Logo("https://example.com/brand/logo.png", List.of(10, -20)),
                        new TalkSpec.DriverExpressions(List.of(new TalkSpec.Expression(0, "happy", 0.8),
                                new TalkSpec.Expression(25, "surprise", 1)), 5),
                        false, 0.5, false, 0.7, 0.2, false),
                new TalkSpec.Face(256, List.of(-10, 20), "PARTIAL", "face-1", 0.97,
                        new TalkSpec.Detection(30, 40, 250, 260)),
                "https://example.com/hook?talk=1", "order-42", "greeting",
                "https://uploads.example.com/put/here.mp4", true);
        assertEquals(expected, NotifierStandIn.onlyRequested(bootstrap, id).spec());

        JsonNode talk = Api.talk(ALICE, id);
        assertEquals(Api.json("""
                {"stitch": true, "pad_audio": 1.5, "align_driver": false, "sharpen": false, "auto_match": false,
                 "normalization_factor": 0.2, "motion_factor": 0.7, "result_format": ".mov", "fluent": true,
                 "align_expand_factor": 0.5,
                 "logo": {"url": "https://example.com/brand/logo.png", "position": [10, -20]},
                 "driver_expressions": {"expressions": [
                     {"start_frame": 0, "expression": "happy", "intensity": 0.8},
                     {"start_frame": 25, "expression": "surprise", "intensity": 1}],
                     "transition_frames": 5}}"""), talk.get("config"));
        assertEquals("bank://lively/driver-03", talk.get("driver_url").asText());
        assertEquals("order-42", talk.get("user_data").asText());
        assertEquals("greeting", talk.get("name").asText());
        assertEquals("https://example.com/hook?talk=1", talk.get("webhook").asText());
        // Our own upload is shown as a signed link; persist makes it one without an expiry.
        String source = talk.get("source_url").asText();
        assertTrue(source.startsWith(MEDIA_BASE_URL + "/media/uploads/alice/") && source.contains("expires=never"),
                source);
    }

    @Test
    void audioScriptNamingAnUploadedAudioIsCarriedWithTheLogoTurnedOff() {
        Response uploaded = Api.postAudio(ALICE, "line.wav", Samples.sineWav(16_000, 1, 16, 1.0, 220), "audio/wav");
        assertEquals(201, uploaded.statusCode(), uploaded::asString);
        JsonNode audio = Api.json(uploaded);
        String audioUrl = audio.get("url").asText();

        String id = Api.createTalk(ALICE, """
                {"source_url": "%s",
                 "script": {"type": "audio", "audio_url": "%s", "subtitles": "false", "reduce_noise": "true"},
                 "config": {"logo": false}}""".formatted(SOURCE, audioUrl)).get("id").asText();

        TalkSpec expected = TalkSpec.of(SOURCE, new TalkSpec.Script("audio", null, null, false, false, audioUrl, true),
                new TalkSpec.TalkConfig(false, "mp4", false, 0, TalkSpec.Logo.NONE, null, true, 0.3, true, 1, 1,
                        true));
        assertEquals(expected, NotifierStandIn.onlyRequested(bootstrap, id).spec());

        JsonNode talk = Api.talk(ALICE, id);
        assertEquals(false, talk.get("config").get("logo").asBoolean(true), talk.toString());
        assertTrue(talk.get("config").get("logo").isBoolean(), talk.toString());
        String link = talk.get("audio_url").asText();
        assertTrue(link.startsWith(MEDIA_BASE_URL + "/media/uploads/alice/" + audio.get("id").asText() + "/"), link);
    }

    @Test
    void everyProviderIsCarriedWithItsVoiceConfig() {
        Map<String, TalkSpec.Provider> providers = new LinkedHashMap<>();
        providers.put("""
                {"type": "microsoft", "voice_id": "de-DE-KatjaNeural",
                 "voice_config": {"style": "friendly", "rate": "fast", "pitch": "low"}, "language": "German"}""",
                new TalkSpec.Provider("microsoft", "de-DE-KatjaNeural",
                        Map.of("style", "friendly", "rate", "fast", "pitch", "low"), null, "German"));
        providers.put("""
                {"type": "azure-openai", "voice_id": "alloy", "voice_config": {"rate": "1.1"}}""",
                new TalkSpec.Provider("azure-openai", "alloy", Map.of("rate", "1.1"), null, null));
        providers.put("""
                {"type": "elevenlabs", "voice_id": "EXAVITQu4vr4xnSDxMaL", "model_id": "eleven_turbo_v2",
                 "voice_config": {"stability": 0.4, "similarity_boost": 0.75, "rate": "1.1", "style": "0.3",
                                  "use_speaker_boost": true, "apply_language_text_normalization": false},
                 "language": "English"}""",
                new TalkSpec.Provider("elevenlabs", "EXAVITQu4vr4xnSDxMaL",
                        Map.of("stability", 0.4, "similarity_boost", 0.75, "rate", "1.1", "style", "0.3",
                                "use_speaker_boost", true, "apply_language_text_normalization", false),
                        "eleven_turbo_v2", "English"));
        providers.put("""
                {"type": "elevenlabs"}""",
                new TalkSpec.Provider("elevenlabs", "21m00Tcm4TlvDq8ikWAM", null, "eleven_multilingual_v2", null));
        providers.put("""
                {"type": "amazon", "voice_id": "Joanna", "language": "en-US"}""",
                new TalkSpec.Provider("amazon", "Joanna", null, null, "en-US"));
        providers.put("""
                {"type": "google", "voice_id": "en-US-Wavenet-D"}""",
                TalkSpec.Provider.of("google", "en-US-Wavenet-D"));
        providers.put("""
                {"type": "google"}""",
                TalkSpec.Provider.of("google", "he-IL-Wavenet-A"));
        providers.put("""
                {"type": "afflorithmics", "voice_id": "sara",
                 "voice_config": {"rate": 1, "silencePadding": 500, "voiceIntelligence": true}}""",
                new TalkSpec.Provider("afflorithmics", "sara",
                        Map.of("rate", 1, "silencePadding", 500, "voiceIntelligence", true), null, null));
        providers.put("""
                {"type": "espeak-ng", "voice_id": "en-us"}""",
                TalkSpec.Provider.of("espeak-ng", "en-us"));

        Map<String, TalkSpec.Provider> expectedById = new LinkedHashMap<>();
        providers.forEach((provider, expected) -> expectedById.put(Api.createTalk(ALICE, """
                {"source_url": "%s", "script": {"type": "text", "input": "Hello there!", "provider": %s}}"""
                .formatted(SOURCE, provider)).get("id").asText(), expected));

        Map<String, TalkSpec.Provider> carried = NotifierStandIn.requested(bootstrap,
                        r -> expectedById.containsKey(r.key())).stream()
                .map(r -> Json.read(r.value(), TalkRequested.class))
                .collect(Collectors.toMap(TalkRequested::talkId, e -> e.spec().script().provider()));
        List<Executable> checks = new ArrayList<>();
        expectedById.forEach((id, expected) -> checks.add(() -> assertEquals(expected, carried.get(id))));
        assertAll(checks);
    }

    @Test
    void omittedProviderIsDidsDefaultVoice() {
        String id = Api.createMinimal(ALICE);

        assertEquals(TalkSpec.Provider.of("microsoft", "en-US-JennyNeural"),
                NotifierStandIn.onlyRequested(bootstrap, id).spec().script().provider());
    }

    @Test
    void stringBooleansAndNumbersAreCoercedAndEchoedAsJsonTypes() {
        String sourceUrl = Api.uploadImage(ALICE, Samples.photo("astronaut.png")).get("url").asText();

        String id = Api.createTalk(ALICE, """
                {"source_url": "%s",
                 "script": {"type": "text", "input": "Hello there!", "ssml": "false", "subtitles": "FALSE"},
                 "config": {"stitch": "true", "pad_audio": "0.0", "motion_factor": "0.5", "fluent": "false",
                            "align_expand_factor": "0.4", "sharpen": "false"},
                 "persist": "true"}""".formatted(sourceUrl)).get("id").asText();

        JsonNode config = Api.talk(ALICE, id).get("config");
        assertEquals(Api.json("""
                {"stitch": true, "pad_audio": 0, "align_driver": true, "sharpen": false, "auto_match": true,
                 "normalization_factor": 1, "motion_factor": 0.5, "result_format": ".mp4", "fluent": false,
                 "align_expand_factor": 0.4}"""), config);
        assertTrue(config.get("stitch").isBoolean() && config.get("pad_audio").isIntegralNumber()
                && config.get("motion_factor").isDouble(), config.toString());

        TalkSpec spec = NotifierStandIn.onlyRequested(bootstrap, id).spec();
        assertEquals(false, spec.script().ssml());
        assertEquals(true, spec.persist());
        assertEquals(new TalkSpec.TalkConfig(true, "mp4", false, 0, null, null, true, 0.4, true, 0.5, 1, false),
                spec.config());
        assertTrue(Api.talk(ALICE, id).get("source_url").asText().contains("expires=never"));
    }

    @Test
    void configEchoHasEveryDefault() {
        String id = Api.createMinimal(ALICE);

        assertEquals(Api.json("""
                {"stitch": false, "pad_audio": 0, "align_driver": true, "sharpen": true, "auto_match": true,
                 "normalization_factor": 1, "motion_factor": 1, "result_format": ".mp4", "fluent": false,
                 "align_expand_factor": 0.3}"""), Api.talk(ALICE, id).get("config"));
    }

    @Test
    void invalidFieldsAreValidationErrorsKeyedByTheirRequestPath() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("body.script", "{\"source_url\": \"" + SOURCE + "\"}");
        bodies.put("body.source_url", """
                {"script": {"type": "text", "input": "Hello there!"}}""");
        bodies.put("body.script.input", withScript("{\"type\": \"text\", \"input\": \"Hi\"}"));
        bodies.put("body.script.type", withScript("{\"type\": \"video\", \"input\": \"Hello there!\"}"));
        bodies.put("body.script.audio_url", withScript("{\"type\": \"audio\"}"));
        bodies.put("body.script.audio_url ", withScript(
                "{\"type\": \"audio\", \"audio_url\": \"https://example.com/a.ogg\"}"));
        bodies.put("body.script.ssml", withScript("{\"type\": \"text\", \"input\": \"Hello!\", \"ssml\": \"yes\"}"));
        bodies.put("body.script.provider.type", withScript(
                "{\"type\": \"text\", \"input\": \"Hello!\", \"provider\": {\"type\": \"watson\"}}"));
        bodies.put("body.script.provider.voice_id", withScript(
                "{\"type\": \"text\", \"input\": \"Hello!\", \"provider\": {\"type\": \"amazon\", "
                        + "\"voice_id\": \"Hal\"}}"));
        bodies.put("body.config.pad_audio", withConfig("{\"pad_audio\": 61}"));
        bodies.put("body.config.pad_audio ", withConfig("{\"pad_audio\": \"a little\"}"));
        bodies.put("body.config.stitch", withConfig("{\"stitch\": 1}"));
        bodies.put("body.config.result_format", withConfig("{\"result_format\": \"webm\"}"));
        bodies.put("body.config.normalization_factor", withConfig("{\"normalization_factor\": 1.5}"));
        bodies.put("body.config.logo.position", withConfig("{\"logo\": {\"url\": \"https://example.com/l.png\"}}"));
        bodies.put("body.config.logo.url", withConfig("{\"logo\": {\"url\": \"https://example.com/l.svg\", "
                + "\"position\": [0, 0]}}"));
        bodies.put("body.config.driver_expressions.expressions",
                withConfig("{\"driver_expressions\": {\"expressions\": []}}"));
        bodies.put("body.config.driver_expressions.expressions[0].expression", withConfig(
                "{\"driver_expressions\": {\"expressions\": [{\"start_frame\": 0, \"expression\": \"angry\"}]}}"));
        bodies.put("body.face.top_left", withFace("{\"size\": 100}"));
        bodies.put("body.face.top_left ", withFace("{\"size\": 100, \"top_left\": [1]}"));
        bodies.put("body.face.top_left[0]", withFace("{\"size\": 100, \"top_left\": [9000, 0]}"));
        bodies.put("body.face.size", withFace("{\"top_left\": [0, 0]}"));
        bodies.put("body.face.detection.right", withFace(
                "{\"size\": 100, \"top_left\": [0, 0], \"detection\": {\"top\": 1, \"left\": 1, \"bottom\": 9}}"));
        bodies.put("body.face.overlap", withFace("{\"size\": 100, \"top_left\": [0, 0], \"overlap\": \"MAYBE\"}"));
        bodies.put("body.webhook", with("\"webhook\": \"http://example.com/hook\""));
        bodies.put("body.user_data", with("\"user_data\": \"   \""));
        bodies.put("body.result_url", with("\"result_url\": \"ftp://example.com/out.mp4\""));
        bodies.put("body.driver_url", with("\"driver_url\": \"lively\""));
        bodies.put("body.persist", with("\"persist\": \"always\""));

        List<Executable> checks = new ArrayList<>();
        bodies.forEach((path, body) -> checks.add(() -> assertValidationError(path.trim(), body)));
        assertAll(checks);
    }

    @Test
    void unknownFieldsAreIgnoredAtEveryLevelAndNamedInAHeader() {
        Response response = Api.postTalk(ALICE, """
                {"source_url": "%s", "voice": "Jenny",
                 "script": {"type": "text", "input": "Hello!", "stitch": true,
                            "provider": {"type": "microsoft", "voice_id": "en-US-JennyNeural", "speed": 2,
                                         "voice_config": {"volume": "loud"}}},
                 "config": {"output_resolution": 512,
                            "logo": {"url": "https://example.com/l.png", "position": [0, 0], "opacity": 1},
                            "driver_expressions": {"expressions": [{"start_frame": 0, "expression": "happy",
                                                                    "mood": "sunny"}], "speed": 1}},
                 "face": {"size": 100, "top_left": [0, 0], "sharpness": 1}}""".formatted(SOURCE));

        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(List.of("body.voice", "body.script.stitch", "body.script.provider.speed",
                        "body.script.provider.voice_config.volume", "body.config.output_resolution",
                        "body.config.logo.opacity", "body.config.driver_expressions.expressions[0].mood",
                        "body.config.driver_expressions.speed", "body.face.sharpness"),
                List.of(response.header(TalksResource.IGNORED_FIELDS).split(", ")));
        TalkSpec spec = NotifierStandIn.onlyRequested(bootstrap, Api.json(response).get("id").asText()).spec();
        assertEquals(TalkSpec.Provider.of("microsoft", "en-US-JennyNeural"), spec.script().provider());
        assertEquals(false, spec.config().stitch(), "stitch inside script is not the config's stitch");
    }

    @Test
    void aBodyWithOnlyKnownFieldsHasNoIgnoredFieldsHeader() {
        Response response = Api.postTalk(ALICE, Api.MINIMAL_BODY);

        assertEquals(201, response.statusCode(), response::asString);
        assertEquals(null, response.header(TalksResource.IGNORED_FIELDS));
    }

    @Test
    void voiceIdMayBeAListedVoicesNameOrId() {
        Map<String, String> sentToCarried = new LinkedHashMap<>();
        sentToCarried.put("{\"type\": \"microsoft\", \"voice_id\": \"Jenny\"}", "en-US-JennyNeural");
        sentToCarried.put("{\"type\": \"microsoft\", \"voice_id\": \"guy\"}", "en-US-GuyNeural");
        sentToCarried.put("{\"type\": \"microsoft\", \"voice_id\": \"en-us-jennyneural\"}", "en-US-JennyNeural");
        sentToCarried.put("{\"type\": \"flite\", \"voice_id\": \"RMS (US English, male)\"}", "rms");
        sentToCarried.put("{\"type\": \"festival\", \"voice_id\": \"SLT-HTS\"}", "slt-hts");
        sentToCarried.put("{\"type\": \"espeak-ng\", \"voice_id\": \"EN-US\"}", "en-us");

        List<Executable> checks = new ArrayList<>();
        sentToCarried.forEach((provider, carried) -> checks.add(() -> {
            String id = Api.createTalk(ALICE, """
                    {"source_url": "%s", "script": {"type": "text", "input": "Hello there!", "provider": %s}}"""
                    .formatted(SOURCE, provider)).get("id").asText();
            assertEquals(carried, NotifierStandIn.onlyRequested(bootstrap, id).spec().script().provider().voiceId());
        }));
        assertAll(checks);
        assertValidationError("body.script.provider.voice_id", withScript(
                "{\"type\": \"text\", \"input\": \"Hello!\", \"provider\": {\"type\": \"espeak-ng\", "
                        + "\"voice_id\": \"Vulcan\"}}"));
    }

    @Test
    void refusedRequestIsNotAnnounced() {
        String marker = UUID.randomUUID().toString();
        assertValidationError("body.config.pad_audio", """
                {"source_url": "%s", "script": {"type": "text", "input": "Hello there!"},
                 "config": {"pad_audio": -1}, "user_data": "%s"}""".formatted(SOURCE, marker));
        Api.createMinimal(ALICE); // a later request, so the broker is known to be reachable and read to its end

        assertEquals(List.of(), NotifierStandIn.requested(bootstrap,
                r -> marker.equals(Json.read(r.value(), TalkRequested.class).spec().userData())));
    }

    @Test
    void jsonBodyOverTheApiLimitIsPayloadTooLarge() {
        // 1 MiB is opentalks.api.max-json-bytes; the transport takes up to 12 MB.
        String body = with("\"user_data\": \"" + "x".repeat(1024 * 1024) + "\"");

        Response response = Api.postTalk(ALICE, body);

        assertEquals(413, response.statusCode(), response::asString);
        assertEquals("PayloadTooLargeError", Api.json(response).get("kind").asText());
    }

    private static void assertValidationError(String path, String body) {
        Response response = Api.postTalk(ALICE, body);
        assertEquals(400, response.statusCode(), () -> path + ": " + response.asString());
        JsonNode error = Api.json(response);
        assertEquals("ValidationError", error.get("kind").asText(), error::toString);
        assertEquals("validation failed", error.get("description").asText(), error::toString);
        assertEquals(Set.of(path), fieldNames(error.get("details")), error::toString);
        assertTrue(error.get("details").get(path).get("message").isTextual(), error::toString);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String with(String field) {
        return "{\"source_url\": \"" + SOURCE + "\", \"script\": {\"type\": \"text\", \"input\": \"Hello there!\"}, "
                + field + "}";
    }

    private static String withScript(String script) {
        return "{\"source_url\": \"" + SOURCE + "\", \"script\": " + script + "}";
    }

    private static String withConfig(String config) {
        return with("\"config\": " + config);
    }

    private static String withFace(String face) {
        return with("\"face\": " + face);
    }
}
