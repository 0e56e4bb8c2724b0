package org.opentalks.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.gateway.rest.ApiException;

class TalkRequestParserTest {
    private static final String SOURCE = "s3://opentalks/uploads/local/img_abc/astronaut.png";

    private final TalkRequestParser parser = new TalkRequestParser(List.of());

    @Test
    void minimalBodyGivesDefaults() {
        TalkSpec spec = parser.parse(minimal());

        assertEquals(SOURCE, spec.sourceUrl());
        assertEquals(new TalkSpec.Script("text", "Hello there!", null, false), spec.script());
        assertEquals(TalkSpec.TalkConfig.DEFAULT, spec.config());
        assertNull(spec.driverUrl());
        assertNull(spec.webhook());
        assertNull(spec.userData());
        assertNull(spec.name());
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
                new TalkSpec.Script("text", "Bonjour à tous.",
                        new TalkSpec.Provider("microsoft", "fr-FR-DeniseNeural"), true),
                new TalkSpec.TalkConfig(true, "mp4"), "https://example.com/hook?talk=1", "order-42", "greeting"),
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
        TalkRequestParser local = new TalkRequestParser(List.of("127.0.0.1"));

        TalkSpec spec = local.parse(with(b -> {
            b.put("source_url", "http://127.0.0.1:8000/face.png");
            b.put("webhook", "http://127.0.0.1:9000/hook");
        }));
        assertEquals("http://127.0.0.1:8000/face.png", spec.sourceUrl());
        assertEquals("http://127.0.0.1:9000/hook", spec.webhook());

        assertThrows(ApiException.class,
                () -> local.parse(with(b -> b.put("source_url", "http://example.com/face.png"))));
    }

    @Test
    void scriptIsRequiredAndMustBeAnObject() {
        assertInvalid("body.script", with(b -> b.remove("script")));
        assertInvalid("body.script", with(b -> b.put("script", "Hello there!")));
    }

    @Test
    void scriptTypeMustBeText() {
        assertInvalid("body.script.type", with(b -> ((ObjectNode) b.get("script")).remove("type")));
        assertInvalid("body.script.type", with(b -> ((ObjectNode) b.get("script")).put("type", "audio")));
        assertInvalid("body.script.type", with(b -> ((ObjectNode) b.get("script")).put("type", "video")));
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
    void configMustBeAnObjectAndResultFormatMp4() {
        assertInvalid("body.config", with(b -> b.put("config", "stitch")));
        assertInvalid("body.config.result_format",
                with(b -> b.putObject("config").put("result_format", "gif")));
        assertEquals("mp4", parser.parse(with(b -> b.putObject("config").put("result_format", "MP4")))
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

    private void assertInvalid(String path, JsonNode body) {
        ApiException e = assertThrows(ApiException.class, () -> parser.parse(body));
        assertEquals(400, e.status());
        assertEquals("ValidationError", e.kind());
        assertEquals(Set.of(path), e.details().keySet(), () -> "details " + e.details());
    }

    private static ObjectNode minimal() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("source_url", SOURCE);
        body.putObject("script").put("type", "text").put("input", "Hello there!");
        return body;
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
