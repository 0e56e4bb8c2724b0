package org.opentalks.gateway.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.gateway.service.DomainException;
import org.opentalks.gateway.service.VoiceDirectory;
import org.opentalks.service.fetch.AddressPolicy;
import org.opentalks.service.fetch.FetchSettings;
import org.opentalks.speech.Gender;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.VoiceCatalogue;
import org.opentalks.speech.VoiceListing;

/**
 * The typed request model, read and validated as POST /talks does it, without a server: D-ID's
 * defaults, lenient scalars and unknown fields, strict values, request-path detail keys.
 */
class TalkRequestValidationTest {
    private static final String SOURCE = "s3://opentalks/uploads/local/img_abc/astronaut.png";
    static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    /** The catalogue of two installed espeak-ng voices, as libespeak-ng lists them, and Microsoft's voices. */
    static final VoiceDirectory VOICES = new VoiceDirectory(() -> Optional.of(catalogue()));

    private static VoiceCatalogueDocument catalogue() {
        return VoiceListing.document(new VoiceCatalogue(List.of(
                new SpeechVoice("espeak-ng", "en-us", "English (America)", "en-US", Gender.MALE, List.of()),
                new SpeechVoice("espeak-ng", "fr-fr", "French (France)", "fr-FR", Gender.MALE, List.of()))),
                "test", Instant.EPOCH);
    }

    private final Parser parser = new Parser(List.of());

    /** Reads and validates a body as the gateway does for the owner "local". */
    record Parser(List<String> httpHosts) {
        TalkSpec parse(JsonNode body) {
            return new TalkRequestValidator(VALIDATOR, new AddressPolicy(httpHosts,
                    FetchSettings.DEFAULT_METADATA_HOSTS), VOICES, "opentalks")
                    .validate(read(body).value(), "local");
        }

        RequestReader.Read<TalkRequest> read(JsonNode body) {
            return new RequestReader().read(body == null ? null : Json.write(body), TalkRequest.class);
        }
    }

    @Test
    void minimalBodyGivesDefaults() {
        TalkSpec spec = parser.parse(minimal());

        assertEquals(SOURCE, spec.sourceUrl());
        assertEquals(TalkSpec.Script.text("Hello there!", TalkSpec.Provider.of("microsoft", "en-US-JennyNeural"),
                false), spec.script());
        assertEquals(TalkSpec.TalkConfig.DEFAULT, spec.config());
        assertNull(spec.driverUrl());
        assertNull(spec.face());
        assertNull(spec.webhook());
        assertNull(spec.userData());
        assertNull(spec.name());
        assertNull(spec.resultUrl());
        assertFalse(spec.persist());
    }

    @Test
    void fullBodyIsCarriedWhole() {
        TalkSpec spec = parser.parse(json("""
                {"source_url": "https://example.com/photos/me.JPEG?version=2",
                 "driver_url": "bank://lively",
                 "script": {"type": "text", "input": "Bonjour à tous.", "ssml": true,
                            "provider": {"type": "microsoft", "voice_id": "fr-FR-DeniseNeural"}},
                 "config": {"stitch": true, "result_format": ".mp4"},
                 "webhook": "https://example.com/hook?talk=1",
                 "user_data": "order-42",
                 "name": "greeting"}"""));

        assertEquals(new TalkSpec("https://example.com/photos/me.JPEG?version=2", "bank://lively",
                TalkSpec.Script.text("Bonjour à tous.", TalkSpec.Provider.of("microsoft", "fr-FR-DeniseNeural"), true),
                TalkSpec.TalkConfig.DEFAULT.withStitch(true), null, "https://example.com/hook?talk=1", "order-42",
                "greeting", null, false),
                spec);
    }

    @Test
    void stringBooleansAreAccepted() {
        TalkSpec yes = parser.parse(with(b -> {
            b.putObject("config").put("stitch", "true");
            ((ObjectNode) b.get("script")).put("ssml", "TRUE");
        }));
        assertTrue(yes.config().stitch());
        assertTrue(yes.script().ssml());

        TalkSpec no = parser.parse(with(b -> b.putObject("config").put("stitch", "false")));
        assertFalse(no.config().stitch());
    }

    @Test
    void nonBooleanValuesForBooleansAreRejected() {
        assertInvalid("body.config.stitch", with(b -> b.putObject("config").put("stitch", "yes")));
        assertInvalid("body.config.stitch", with(b -> b.putObject("config").put("stitch", 1)));
        assertInvalid("body.script.ssml", with(b -> ((ObjectNode) b.get("script")).put("ssml", "1")));
    }

    @Test
    void bodyMustBeAJsonObject() {
        assertInvalid("body", null);
        assertInvalid("body", json("[]"));
        assertInvalid("body", json("\"talk\""));
    }

    @Test
    void sourceUrlIsRequiredAndMustBeAnHttpsOrS3Image() {
        assertInvalid("body.source_url", with(b -> b.remove("source_url")));
        assertInvalid("body.source_url", with(b -> b.put("source_url", 42)));
        assertInvalid("body.source_url", with(b -> b.put("source_url", "https://example.com/face.gif")));
        assertInvalid("body.source_url", with(b -> b.put("source_url", "ftp://example.com/face.png")));
        assertInvalid("body.source_url", with(b -> b.put("source_url", "http://example.com/face.png")));
    }

    @Test
    void plainHttpIsAcceptedOnlyForAllowListedHosts() {
        Parser local = new Parser(List.of("127.0.0.1"));

        TalkSpec spec = local.parse(with(b -> {
            b.put("source_url", "http://127.0.0.1:8000/face.png");
            b.put("webhook", "http://127.0.0.1:9000/hook");
        }));
        assertEquals("http://127.0.0.1:8000/face.png", spec.sourceUrl());
        assertEquals("http://127.0.0.1:9000/hook", spec.webhook());

        assertThrows(DomainException.class,
                () -> local.parse(with(b -> b.put("source_url", "http://example.com/face.png"))));
    }

    @Test
    void scriptIsRequiredAndMustBeAnObject() {
        assertInvalid("body.script", with(b -> b.remove("script")));
        assertInvalid("body.script", with(b -> b.put("script", "Hello there!")));
    }

    @Test
    void scriptTypeMustBeTextOrAudio() {
        assertInvalid("body.script.type", with(b -> ((ObjectNode) b.get("script")).remove("type")));
        assertInvalid("body.script.type", with(b -> ((ObjectNode) b.get("script")).put("type", "video")));
        assertInvalid("body.script.audio_url", with(b -> b.putObject("script").put("type", "audio")));
    }

    @Test
    void audioScriptTakesAnHttpsOrS3AudioUrl() {
        TalkSpec spec = parser.parse(with(b -> b.putObject("script").put("type", "audio")
                .put("audio_url", "s3://opentalks/uploads/local/abc/line.WAV").put("reduce_noise", "true")));
        assertEquals(new TalkSpec.Script("audio", null, null, false, false,
                "s3://opentalks/uploads/local/abc/line.WAV", true), spec.script());

        for (String url : List.of("https://example.com/a.ogg", "ftp://example.com/a.mp3", "example.com/a.mp3")) {
            assertInvalid("body.script.audio_url", with(b -> b.putObject("script").put("type", "audio")
                    .put("audio_url", url)));
        }
        for (String url : List.of("https://example.com/a.m4a", "https://example.com/a.FLAC?sig=1",
                "https://example.com/a.mp3#t", "https://example.com/a.mp4")) {
            assertEquals(url, parser.parse(with(b -> b.putObject("script").put("type", "audio")
                    .put("audio_url", url))).script().audioUrl());
        }
        assertEquals(List.of("body.script.ssml"), parser.read(with(b -> b.putObject("script").put("type", "audio")
                .put("audio_url", "https://example.com/a.mp3").put("ssml", false))).ignoredFields());
    }

    @Test
    void providerDefaultsFollowDid() {
        TalkSpec.Provider eleven = parser.parse(withProvider("{\"type\": \"elevenlabs\"}")).script().provider();
        assertEquals(new TalkSpec.Provider("elevenlabs", "21m00Tcm4TlvDq8ikWAM", null, "eleven_multilingual_v2", null),
                eleven);
        assertEquals(TalkSpec.Provider.of("google", "he-IL-Wavenet-A"),
                parser.parse(withProvider("{\"type\": \"google\"}")).script().provider());
        assertInvalid("body.script.provider.voice_id", withProvider("{\"type\": \"microsoft\"}"));
        assertInvalid("body.script.provider.voice_id", withProvider("{\"type\": \"amazon\", \"voice_id\": \"Hal\"}"));
        assertEquals("Lea", parser.parse(withProvider("{\"type\": \"amazon\", \"voice_id\": \"Léa\"}"))
                .script().provider().voiceId(), "D-ID's Léa is Polly's voice id Lea");
    }

    @Test
    void voiceConfigKeysAreEachProvidersOwn() {
        assertEquals(Map.of("stability", 0.5, "use_speaker_boost", true),
                parser.parse(withProvider("{\"type\": \"elevenlabs\", \"voice_config\": "
                        + "{\"stability\": 0.5, \"use_speaker_boost\": true}}")).script().provider().voiceConfig());
        // Another provider's keys are not this one's: ignored, and named.
        assertEquals(List.of("body.script.provider.voice_config.stability"), parser.read(withProvider(
                "{\"type\": \"microsoft\", \"voice_id\": \"en-US-JennyNeural\", "
                        + "\"voice_config\": {\"stability\": 1}}")).ignoredFields());
        assertEquals(List.of("body.script.provider.voice_config"), parser.read(withProvider(
                "{\"type\": \"google\", \"voice_config\": {}}")).ignoredFields());
        assertEquals(List.of("body.script.provider.model_id"), parser.read(withProvider(
                "{\"type\": \"microsoft\", \"voice_id\": \"en-US-JennyNeural\", \"model_id\": \"x\"}"))
                .ignoredFields());
        assertInvalid("body.script.provider.voice_config.stability", withProvider(
                "{\"type\": \"elevenlabs\", \"voice_config\": {\"stability\": 1.5}}"));
    }

    @Test
    void logoIsAnOverlayOrTheLegacyBoolean() {
        assertEquals(TalkSpec.Logo.NONE, parser.parse(with(b -> b.putObject("config").put("logo", false)))
                .config().logo());
        assertEquals(TalkSpec.Logo.NONE, parser.parse(with(b -> b.putObject("config").put("logo", "false")))
                .config().logo());
        assertNull(parser.parse(with(b -> b.putObject("config").put("logo", true))).config().logo());
        assertEquals(new TalkSpec.Logo("https://example.com/logo.png", List.of(-10, 20)),
                parser.parse(with(b -> b.putObject("config").set("logo", json(
                        "{\"url\": \"https://example.com/logo.png\", \"position\": [-10, 20]}")))).config().logo());
        assertInvalid("body.config.logo.position[0]", with(b -> b.putObject("config").set("logo", json(
                "{\"url\": \"https://example.com/logo.png\", \"position\": [1.5, 20]}"))));
        assertInvalid("body.config.logo", with(b -> b.putObject("config").put("logo", "ai")));
    }

    @Test
    void driverExpressionsStartInOrder() {
        TalkSpec.DriverExpressions expressions = parser.parse(with(b -> b.putObject("config").set(
                "driver_expressions", json("{\"expressions\": [{\"start_frame\": 0, \"expression\": \"happy\"},"
                        + "{\"start_frame\": \"10\", \"expression\": \"serious\", \"intensity\": 0.5}]}"))))
                .config().driverExpressions();
        assertEquals(new TalkSpec.DriverExpressions(List.of(new TalkSpec.Expression(0, "happy", 1),
                new TalkSpec.Expression(10, "serious", 0.5)), 0), expressions);

        assertInvalid("body.config.driver_expressions.expressions[1].start_frame", with(b -> b.putObject("config")
                .set("driver_expressions", json("{\"expressions\": [{\"start_frame\": 5, \"expression\": \"happy\"},"
                        + "{\"start_frame\": 5, \"expression\": \"serious\"}]}"))));
        assertInvalid("body.config.driver_expressions.expressions[0].intensity", with(b -> b.putObject("config")
                .set("driver_expressions", json("{\"expressions\": [{\"start_frame\": 0, \"expression\": \"happy\","
                        + "\"intensity\": 2}]}"))));
    }

    @Test
    void faceSquareIsTheLegacyRequestForm() {
        TalkSpec.Face face = parser.parse(with(b -> b.set("face", json(
                "{\"size\": 512, \"top_left\": [-20, 0], \"detection\": "
                        + "{\"top\": 1, \"left\": 2, \"bottom\": 3, \"right\": 4}}")))).face();
        assertEquals(new TalkSpec.Face(512, List.of(-20, 0), null, null, null, new TalkSpec.Detection(1, 2, 3, 4)),
                face);
        assertInvalid("body.face.size", with(b -> b.set("face", json("{\"size\": -1, \"top_left\": [0, 0]}"))));
        assertInvalid("body.face.top_left[1]", with(b -> b.set("face", json(
                "{\"size\": 1, \"top_left\": [0, 8001]}"))));
    }

    @Test
    void numbersAreRangeChecked() {
        assertEquals(60, parser.parse(with(b -> b.putObject("config").put("pad_audio", 60))).config().padAudio());
        assertInvalid("body.config.pad_audio", with(b -> b.putObject("config").put("pad_audio", 60.01)));
        assertInvalid("body.config.pad_audio", with(b -> b.putObject("config").put("pad_audio", "NaN")));
        assertInvalid("body.config.motion_factor", with(b -> b.putObject("config").put("motion_factor", -0.1)));
        assertInvalid("body.config.align_expand_factor",
                with(b -> b.putObject("config").put("align_expand_factor", true)));
        assertEquals(0.5, parser.parse(with(b -> b.putObject("config").put("motion_factor", " 0.5 ")))
                .config().motionFactor());
    }

    @Test
    void unknownFieldsAreIgnoredAndNamed() {
        RequestReader.Read<TalkRequest> read = parser.read(with(b -> {
            b.put("driver", "lively");
            b.putObject("config").put("output_resolution", 512);
            ((ObjectNode) b.get("script")).put("audio_url", "https://example.com/a.mp3").put("stitch", true);
        }));
        assertEquals(List.of("body.script.audio_url", "body.script.stitch", "body.driver",
                "body.config.output_resolution"), read.ignoredFields(), "in the body's order");
        assertEquals(parser.parse(minimal()), parser.parse(with(b -> b.put("driver", "lively"))));
    }

    @Test
    void whatRealClientsSendIsAccepted() {
        // An audio script with the text client's input and provider left in, an empty voice_config,
        // an SSML fragment without <speak>, top-level persist.
        TalkSpec audio = parser.parse(with(b -> b.putObject("script").put("type", "audio")
                .put("audio_url", "https://example.com/a.mp3").put("input", "Hello!")
                .set("provider", json("{\"type\": \"microsoft\", \"voice_id\": \"en-US-JennyNeural\"}"))));
        assertEquals(TalkSpec.Script.audio("https://example.com/a.mp3"), audio.script());
        TalkSpec text = parser.parse(with(b -> {
            ((ObjectNode) b.get("script")).put("ssml", true).put("input", "Hello <break time=\"500ms\"/> there.")
                    .set("provider", json("{\"type\": \"microsoft\", \"voice_id\": \"en-US-GuyNeural\", "
                            + "\"voice_config\": {}}"));
            b.put("persist", true);
        }));
        assertEquals(TalkSpec.Provider.of("microsoft", "en-US-GuyNeural"), text.script().provider());
        assertTrue(text.persist());
        assertNull(parser.parse(withProvider("{\"type\": \"microsoft\", \"voice_id\": \"Jenny\", "
                + "\"voice_config\": \"\"}")).script().provider().voiceConfig());
    }

    @Test
    void ssmlThatCannotBeReadIsDidsBadRequest() {
        for (String bad : List.of("<speak>Hello", "Hello <blink>you</blink>", "<break time=\"forever\"/> hi")) {
            DomainException e = assertThrows(DomainException.class, () -> parser.parse(with(b ->
                    ((ObjectNode) b.get("script")).put("ssml", true).put("input", bad))), bad);
            assertEquals(ErrorKind.BadRequestError, e.kind(), bad);
            assertEquals("Failed to validate script", e.getMessage());
            assertTrue(e.details().containsKey("body.script.input"), e.details()::toString);
        }
        assertEquals("Hello <break time=\"2s\"/> there", parser.parse(with(b -> ((ObjectNode) b.get("script"))
                .put("ssml", true).put("input", "Hello <break time=\"2s\"/> there"))).script().input());
        // Not SSML: markup-like text is just text.
        parser.parse(with(b -> ((ObjectNode) b.get("script")).put("input", "1 < 2 & <b>bold</b>")));
    }

    @Test
    void azureRateAndPitchAreCheckedAsTheSpeechServiceReadsThem() {
        assertInvalid("body.script.provider.voice_config.rate", withProvider("{\"type\": \"microsoft\", "
                + "\"voice_id\": \"Jenny\", \"voice_config\": {\"rate\": \"warp\"}}"));
        assertInvalid("body.script.provider.voice_config.pitch", withProvider("{\"type\": \"microsoft\", "
                + "\"voice_id\": \"Jenny\", \"voice_config\": {\"pitch\": \"+99st\"}}"));
        assertEquals(Map.of("rate", "x-fast", "pitch", "+6st"), parser.parse(withProvider("{\"type\": \"microsoft\", "
                + "\"voice_id\": \"Jenny\", \"voice_config\": {\"rate\": \"x-fast\", \"pitch\": \"+6st\"}}"))
                .script().provider().voiceConfig());
    }

    @Test
    void voicesAreNamedByIdOrByName() {
        assertEquals("en-US-JennyNeural", voice("microsoft", "Jenny"));
        assertEquals("en-US-JennyNeural", voice("microsoft", "jenny"));
        assertEquals("en-US-JennyNeural", voice("microsoft", "EN-US-JENNYNEURAL"));
        assertEquals("en-GB-SoniaNeural", voice("azure-openai", "Sonia"));
        assertEquals("de-DE-KatjaNeural", voice("microsoft", "de-DE-KatjaNeural"));
        // Not listed: its locale picks the local voice, as before.
        assertEquals("fr-FR-VivienneMultilingualNeural", voice("microsoft", "fr-FR-VivienneMultilingualNeural"));
        assertEquals("en-us", voice("espeak-ng", "English (America)"), "as the test catalogue names it");
        assertEquals("fr-fr", voice("espeak-ng", "FR-FR"));
        assertInvalid("body.script.provider.voice_id", withProvider("{\"type\": \"espeak-ng\", \"voice_id\": \"xx\"}"));
    }

    private String voice(String provider, String voiceId) {
        return parser.parse(withProvider("{\"type\": \"" + provider + "\", \"voice_id\": \"" + voiceId + "\"}"))
                .script().provider().voiceId();
    }

    @Test
    void persistAndResultUrlAreCarried() {
        TalkSpec spec = parser.parse(with(b -> b.put("persist", "true")
                .put("result_url", "s3://my-bucket/out/video.mp4")));
        assertTrue(spec.persist());
        assertEquals("s3://my-bucket/out/video.mp4", spec.resultUrl());
        assertInvalid("body.result_url", with(b -> b.put("result_url", "file:///etc/passwd")));
    }

    @Test
    void scriptInputIsThreeToFortyThousandCharacters() {
        assertInvalid("body.script.input", with(b -> ((ObjectNode) b.get("script")).remove("input")));
        assertInvalid("body.script.input", with(b -> ((ObjectNode) b.get("script")).put("input", "Hi")));
        assertInvalid("body.script.input",
                with(b -> ((ObjectNode) b.get("script")).put("input", "a".repeat(40_001))));

        assertEquals("Hey", parser.parse(with(b -> ((ObjectNode) b.get("script")).put("input", "Hey")))
                .script().input());
        assertEquals(40_000, parser.parse(with(b -> ((ObjectNode) b.get("script"))
                .put("input", "a".repeat(40_000)))).script().input().length());
    }

    @Test
    void providerMustBeAnObjectWithAType() {
        assertInvalid("body.script.provider",
                with(b -> ((ObjectNode) b.get("script")).put("provider", "microsoft")));
        assertInvalid("body.script.provider.type",
                with(b -> ((ObjectNode) b.get("script")).putObject("provider").put("voice_id", "en-US-Jenny")));
    }

    @Test
    void configMustBeAnObjectAndResultFormatMp4MovOrGif() {
        assertInvalid("body.config", with(b -> b.put("config", "stitch")));
        assertInvalid("body.config.result_format",
                with(b -> b.putObject("config").put("result_format", "webm")));
        assertEquals("mp4", parser.parse(with(b -> b.putObject("config").put("result_format", "MP4")))
                .config().resultFormat());
        assertEquals("gif", parser.parse(with(b -> b.putObject("config").put("result_format", ".gif")))
                .config().resultFormat());
        assertEquals("mov", parser.parse(with(b -> b.putObject("config").put("result_format", "mov")))
                .config().resultFormat());
    }

    @Test
    void webhookMustBeHttpsUnlessItsHostIsAllowListed() {
        assertInvalid("body.webhook", with(b -> b.put("webhook", "http://example.com/hook")));
        assertInvalid("body.webhook", with(b -> b.put("webhook", "example.com/hook")));
        assertInvalid("body.webhook", with(b -> b.put("webhook", true)));
        assertEquals("https://example.com/hook",
                parser.parse(with(b -> b.put("webhook", "https://example.com/hook"))).webhook());
    }

    @Test
    void emptyWebhookMeansNoWebhookAsDidSays() {
        assertNull(parser.parse(with(b -> b.put("webhook", ""))).webhook());
    }

    @Test
    void userDataIsOneToThousandCharacters() {
        assertInvalid("body.user_data", with(b -> b.put("user_data", "x".repeat(1001))));
        assertInvalid("body.user_data", with(b -> b.put("user_data", "   ")));
        assertEquals(1000, parser.parse(with(b -> b.put("user_data", "x".repeat(1000)))).userData().length());
    }

    @Test
    void driverUrlMustBeABankHttpsOrS3Url() {
        assertInvalid("body.driver_url", with(b -> b.put("driver_url", "lively")));
        assertEquals("bank://lively", parser.parse(with(b -> b.put("driver_url", "bank://lively"))).driverUrl());
    }

    @Test
    void driverUrlMustNameABankDriver() {
        for (String good : List.of("bank://lively/", "bank://subtle/driver-04", "bank://natural/driver-02/flipped")) {
            assertEquals(good, parser.parse(with(b -> b.put("driver_url", good))).driverUrl());
        }
        Map<String, String> refused = Map.of(
                "bank://wobbly", "Unknown driver bank 'wobbly'",
                "bank://lively/driver-07", "Unknown driver 'driver-07'",
                "bank://subtle/driver-01/upside-down", "Unknown driver variant 'upside-down'",
                "https://example.com/driver.mp4", "Unsupported driver_url");
        refused.forEach((url, message) -> {
            DomainException e = assertThrows(DomainException.class,
                    () -> parser.parse(with(b -> b.put("driver_url", url))));
            assertEquals(ErrorKind.DriverError, e.kind());
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
            assertEquals(url, e.details().get("driver_url"));
        });
    }

    private void assertInvalid(String path, JsonNode body) {
        DomainException e = assertThrows(DomainException.class, () -> parser.parse(body));
        assertEquals(ErrorKind.ValidationError, e.kind());
        assertEquals(Set.of(path), e.details().keySet(), () -> "details " + e.details());
    }

    private static ObjectNode minimal() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("source_url", SOURCE);
        body.putObject("script").put("type", "text").put("input", "Hello there!");
        return body;
    }

    private static ObjectNode withProvider(String provider) {
        return with(b -> ((ObjectNode) b.get("script")).set("provider", json(provider)));
    }

    private static ObjectNode with(Consumer<ObjectNode> change) {
        ObjectNode body = minimal();
        change.accept(body);
        return body;
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
