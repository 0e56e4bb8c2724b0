package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.json.Json;
import org.opentalks.service.testing.LocalInfraTestResource;

/**
 * A corpus of hostile and broken input: malformed, truncated, oversized, deeply nested and
 * wrongly typed JSON, non-UTF-8 bytes, damaged images and audio, decompression bombs, unknown
 * methods and paths. Every answer is a 4xx in D-ID's {@code {kind, description}} shape with a known
 * kind, never a 5xx, and none of these requests creates a talk.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class HostileInputApiTest {
    private static final String MARKER = "hostile-corpus";
    private static final Set<String> KINDS = EnumSet.allOf(ErrorKind.class).stream().map(Enum::name)
            .collect(Collectors.toSet());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void hostileTalkBodiesAreRefusedInDidsShape() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty", new byte[0]);
        bodies.put("not JSON", text("{nope"));
        bodies.put("cut short", text("{\"source_url\": \"https://example.com/a.png\", \"script\": {\"type\""));
        bodies.put("trailing garbage", text(talk("") + " trailing"));
        bodies.put("two documents", text(talk("") + talk("")));
        bodies.put("JSON null", text("null"));
        bodies.put("an array", text("[" + talk("") + "]"));
        bodies.put("a string", text("\"talk\""));
        bodies.put("a number", text("42"));
        bodies.put("NaN literal", text(talk(", \"config\": {\"pad_audio\": NaN}")));
        bodies.put("huge exponent", text(talk(", \"config\": {\"pad_audio\": 1e999999}")));
        bodies.put("huge exponent as a string", text(talk(", \"config\": {\"pad_audio\": \"1e999999999\"}")));
        bodies.put("20-digit integer", text(talk(", \"face\": {\"size\": 99999999999999999999, \"top_left\": [0, 0]}")));
        bodies.put("integer overflow as a string", text(talk(", \"config\": {\"driver_expressions\": "
                + "{\"expressions\": [{\"start_frame\": \"4294967296\", \"expression\": \"happy\"}]}}")));
        bodies.put("negative pad", text(talk(", \"config\": {\"pad_audio\": -1e-300}")));
        bodies.put("input too long", text(talk("").replace("Hello there!", "x".repeat(40_001))));
        bodies.put("object for a string", text(talk(", \"user_data\": {\"a\": 1}")));
        bodies.put("array for an object", text(talk(", \"config\": [1, 2]")));
        bodies.put("string for an array", text(talk(", \"config\": {\"logo\": {\"url\": \"https://example.com/l.png\", "
                + "\"position\": \"0,0\"}}")));
        bodies.put("nulls in an array", text(talk(", \"face\": {\"size\": 1, \"top_left\": [null, 1]}")));
        bodies.put("null expression", text(talk(", \"config\": {\"driver_expressions\": {\"expressions\": [null]}}")));
        bodies.put("script as an array", text("{\"source_url\": \"https://example.com/a.png\", \"script\": []}"));
        bodies.put("script type as a number", text("{\"source_url\": \"https://example.com/a.png\", "
                + "\"script\": {\"type\": 7, \"input\": \"Hello!\"}}"));
        bodies.put("provider type as an object", text(talk("").replace("\"input\": \"Hello there!\"",
                "\"input\": \"Hello there!\", \"provider\": {\"type\": {\"x\": 1}}")));
        bodies.put("deep nesting", text("{\"source_url\": \"https://example.com/a.png\", \"script\": "
                + "{\"type\": \"text\", \"input\": \"Hello!\"}, \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}"));
        bodies.put("deep nesting in a known field", text("{\"source_url\": \"https://example.com/a.png\", \"script\": "
                + "[".repeat(3000) + "]".repeat(3000) + "}"));
        bodies.put("non-UTF-8 bytes", concat(text("{\"source_url\": \"https://example.com/"),
                new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3}, text(".png\", \"script\": {\"type\": \"text\", "
                        + "\"input\": \"Hello!\"}}")));
        bodies.put("a lone surrogate in a host", text(talk(", \"webhook\": \"https://\\ud800.example.com/h\"")));
        bodies.put("NUL in a URL", text(talk("").replace("photos/me.png", "pho\\u0000tos/me.png")));
        bodies.put("control characters in a URL", text(talk("").replace("photos/me.png", "photos/\\r\\nme.png")));
        bodies.put("file URL", text(talk("").replace("https://example.com/photos/me.png", "file:///etc/passwd.png")));
        bodies.put("another owner's upload", text(talk("").replace("https://example.com/photos/me.png",
                "s3://opentalks/uploads/bob/img_x/face.png")));
        bodies.put("path out of the uploads", text(talk("").replace("https://example.com/photos/me.png",
                "s3://opentalks/uploads/alice/../bob/img_x/face.png")));
        bodies.put("a javascript webhook", text(talk(", \"webhook\": \"javascript:alert(1)\"")));
        bodies.put("a loopback webhook", text(talk(", \"webhook\": \"https://127.0.0.1./h\"")));
        bodies.put("an octal webhook", text(talk(", \"webhook\": \"https://0177.0.0.1/h\"")));
        bodies.put("an unknown driver", text(talk(", \"driver_url\": \"bank://../../etc\"")));
        bodies.put("a driver video", text(talk(", \"driver_url\": \"https://example.com/driver.mp4\"")));

        List<Executable> checks = new ArrayList<>();
        bodies.forEach((what, body) -> checks.add(() -> assertRefused(what, given().header("Authorization", ALICE)
                .contentType("application/json").body(body).when().post("/talks"))));
        assertAll(checks);
        Api.createMinimal(ALICE); // a later request, so the broker is known to be reachable and read to its end
        assertEquals(List.of(), NotifierStandIn.requested(bootstrap,
                r -> MARKER.equals(Json.read(r.value(), TalkRequested.class).spec().userData())),
                "no hostile body became a talk");
    }

    @Test
    void hostileUploadsAreRefusedInDidsShape() throws IOException {
        byte[] png = Files.readAllBytes(Samples.photo("astronaut.png"));
        byte[] wav = Samples.sineWav(16_000, 1, 16, 1.0, 220);
        Map<String, Function<RequestSpecification, Response>> uploads = new LinkedHashMap<>();
        uploads.put("image: empty part", r -> r.multiPart("image", "a.png", new byte[0], "image/png").post("/images"));
        uploads.put("image: empty body", r -> r.contentType("image/png").body(new byte[0]).post("/images"));
        uploads.put("image: garbage", r -> r.multiPart("image", "a.png", garbage(4096), "image/png").post("/images"));
        uploads.put("image: garbage body", r -> r.contentType("application/octet-stream").body(garbage(4096))
                .post("/images"));
        uploads.put("image: truncated", r -> r.multiPart("image", "a.png", Arrays.copyOf(png, 5000), "image/png")
                .post("/images"));
        uploads.put("image: PNG bomb", r -> r.contentType("image/png").body(Samples.pngDeclaring(100_000, 100_000))
                .post("/images"));
        uploads.put("image: JPEG bomb", r -> r.multiPart("image", "b.jpg", Samples.jpegDeclaring(65_000, 65_000),
                "image/jpeg").post("/images"));
        uploads.put("image: an HTML page", r -> r.multiPart("image", "a.png", text("<html><body>hi</body></html>"),
                "image/png").post("/images"));
        uploads.put("image: wrong field", r -> r.multiPart("photo", "a.png", png, "image/png").post("/images"));
        uploads.put("image: a WAV", r -> r.multiPart("image", "a.png", wav, "image/png").post("/images"));
        uploads.put("audio: garbage", r -> r.multiPart("audio", "a.wav", garbage(8192), "audio/wav").post("/audios"));
        uploads.put("audio: garbage body", r -> r.contentType("audio/mpeg").body(garbage(8192)).post("/audios"));
        uploads.put("audio: header only", r -> r.multiPart("audio", "a.wav", Arrays.copyOf(wav, 44), "audio/wav")
                .post("/audios"));
        uploads.put("audio: cut in the header", r -> r.multiPart("audio", "a.wav", Arrays.copyOf(wav, 20),
                "audio/wav").post("/audios"));
        uploads.put("audio: MP3 frame header, then noise", r -> r.multiPart("audio", "a.mp3",
                concat(new byte[] {(byte) 0xff, (byte) 0xfb, (byte) 0x90, 0x64}, garbage(4096)), "audio/mpeg")
                .post("/audios"));
        uploads.put("audio: a PNG", r -> r.multiPart("audio", "a.wav", png, "audio/wav").post("/audios"));
        uploads.put("audio: empty body", r -> r.contentType("audio/wav").body(new byte[0]).post("/audios"));
        uploads.put("audio: wrong field", r -> r.multiPart("file", "a.wav", wav, "audio/wav").post("/audios"));

        List<Executable> checks = new ArrayList<>();
        uploads.forEach((what, call) -> checks.add(() -> assertRefused(what,
                call.apply(given().header("Authorization", ALICE).when()))));
        assertAll(checks);
    }

    @Test
    void hostileRequestLinesAndParametersAreRefusedInDidsShape() {
        Map<String, Function<RequestSpecification, Response>> calls = new LinkedHashMap<>();
        calls.put("PUT /talks", r -> r.put("/talks"));
        calls.put("PATCH /images", r -> r.patch("/images"));
        calls.put("POST /tts/voices", r -> r.post("/tts/voices"));
        calls.put("DELETE /credits", r -> r.delete("/credits"));
        calls.put("GET /v1/talks", r -> r.get("/v1/talks"));
        calls.put("GET /talks/x/y/z", r -> r.get("/talks/x/y/z"));
        // Longer request lines (over 4096 bytes) are refused by the HTTP server itself with a bare 414.
        calls.put("a 4000-character path", r -> r.get("/talks/" + "a".repeat(4000)));
        calls.put("limit=abc", r -> r.get("/talks?limit=abc"));
        calls.put("limit=-1", r -> r.get("/talks?limit=-1"));
        calls.put("limit=1e9", r -> r.get("/talks?limit=1e9"));
        calls.put("token=garbage", r -> r.get("/talks?token=!!!!"));
        calls.put("token of another owner", r -> r.get("/talks?token=cmVjb3Jkcy9ib2Iv"));
        calls.put("an idempotency key of 1000 characters", r -> r.header("Idempotency-Key", "k".repeat(1000))
                .contentType("application/json").body(Api.MINIMAL_BODY).post("/talks"));
        calls.put("DELETE of a malformed image id", r -> r.delete("/images/..%2F..%2Frecords"));
        calls.put("DELETE of a malformed audio id", r -> r.delete("/audios/%00"));

        List<Executable> checks = new ArrayList<>();
        calls.forEach((what, call) -> checks.add(() -> assertRefused(what,
                call.apply(given().urlEncodingEnabled(false).header("Authorization", ALICE).when()))));
        assertAll(checks);
        for (String line : List.of("GET /%00 HTTP/1.1", "GET /talks/%c0%af HTTP/1.1", "GET /talks?limit=%ff HTTP/1.1",
                "OPTIONS /talks/../../records HTTP/1.1")) {
            Api.RawResponse response = Api.raw(line + "\r\nAuthorization: Basic alice:alice-secret");
            assertTrue(response.status() >= 400 && response.status() < 500, () -> line + ": " + response.head());
        }
    }

    private static void assertRefused(String what, Response response) {
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                () -> what + ": " + response.statusCode() + " " + response.asString());
        JsonNode error = Api.json(response);
        assertTrue(error.path("kind").isTextual() && KINDS.contains(error.get("kind").asText()),
                () -> what + ": " + error);
        assertTrue(error.path("description").isTextual() && !error.get("description").asText().isBlank(),
                () -> what + ": " + error);
    }

    /** A valid talk body with a marker in user_data, plus {@code extra} fields (", …") at its end. */
    private static String talk(String extra) {
        return "{\"source_url\": \"https://example.com/photos/me.png\", \"script\": {\"type\": \"text\", "
                + "\"input\": \"Hello there!\"}, \"user_data\": \"" + MARKER + "\"" + extra + "}";
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Deterministic bytes that are no known format. */
    private static byte[] garbage(int length) {
        byte[] out = new byte[length];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            out[i] = (byte) x;
        }
        out[0] = 'G';
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
