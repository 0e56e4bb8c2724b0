package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.DAVE;
import static org.opentalks.gateway.rest.GatewayTestProfile.ERIN;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentalks.contract.TalkIds;
import org.opentalks.service.testing.AdjustableClock;
import org.opentalks.service.testing.LocalInfraTestResource;

/**
 * Who may call what: keys (401 on every endpoint), features (403), rates (429) and the transport's
 * body limit (413), and that the key-free media path lets no API call through.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class AccessApiTest {
    private static final String STITCH = """
            {"source_url": "https://example.com/photos/me.png",
             "script": {"type": "text", "input": "Hello there!"}, "config": {"stitch": %s}}""";

    @Inject
    AdjustableClock clock;

    @Test
    void everyEndpointRefusesAMissingOrWrongKey() {
        List<Function<RequestSpecification, Response>> calls = List.of(
                r -> r.body(Api.MINIMAL_BODY).contentType("application/json").post("/talks"),
                r -> r.get("/talks"),
                r -> r.get("/talks/" + TalkIds.talkId()),
                r -> r.delete("/talks/" + TalkIds.talkId()),
                r -> r.multiPart("image", "a.png", new byte[] {1}, "image/png").post("/images"),
                r -> r.delete("/images/" + TalkIds.imageId()),
                r -> r.multiPart("audio", "a.wav", new byte[] {1}, "audio/wav").post("/audios"),
                r -> r.delete("/audios/" + TalkIds.audioId()),
                r -> r.get("/tts/voices"),
                r -> r.get("/credits"));
        List<Executable> checks = new ArrayList<>();
        for (String authorization : new String[] {null, "Basic alice:wrong", "Basic alice", "Digest alice:alice-secret",
                "Bearer " + "x".repeat(40)}) {
            for (int i = 0; i < calls.size(); i++) {
                Function<RequestSpecification, Response> call = calls.get(i);
                int index = i;
                checks.add(() -> {
                    RequestSpecification request = given();
                    if (authorization != null) {
                        request.header("Authorization", authorization);
                    }
                    Response response = call.apply(request.when());
                    assertEquals(401, response.statusCode(), () -> "call " + index + " with " + authorization);
                    assertTrue(response.header("WWW-Authenticate").startsWith("Basic"));
                    JsonNode error = Api.json(response);
                    assertEquals("AuthorizationError", error.get("kind").asText());
                    assertEquals("user unauthenticated", error.get("description").asText());
                });
            }
        }
        assertAll(checks);
    }

    @Test
    void mediaPathDoesNotOpenTheApiWithoutAKey() {
        for (String path : new String[] {"/media/../talks", "/media/%2e%2e/talks", "/media/..%2Ftalks",
                "/media/../credits", "/media/./../tts/voices"}) {
            Api.RawResponse response = Api.raw("GET " + path + " HTTP/1.1");
            assertTrue(List.of(400, 401, 403, 404).contains(response.status()),
                    () -> path + " answered " + response.status() + ": " + response.body());
        }
        Api.RawResponse post = Api.raw("POST /media/../talks HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 0");
        assertNotEquals(201, post.status(), post.body());
        assertTrue(post.status() >= 400 && post.status() != 500, () -> post.status() + ": " + post.body());
    }

    @Test
    void stitchWithoutTheFeatureIsAPermissionError() {
        for (String stitch : new String[] {"true", "\"true\""}) {
            Response refused = Api.postTalk(ERIN, STITCH.formatted(stitch));
            assertEquals(403, refused.statusCode(), refused::asString);
            assertEquals("PermissionError", Api.json(refused).get("kind").asText());
            assertEquals("user has no permission for stitch", Api.json(refused).get("description").asText());
        }
        Api.createTalk(ERIN, STITCH.formatted("false"));
        Api.createTalk(ERIN, Api.MINIMAL_BODY.replace("\"Hello there!\"", "\"Hello there!\", \"subtitles\": true"));
    }

    @Test
    void requestsOverTheRateAreTooManyUntilRetryAfterHasPassed() {
        // Dave may make 2 requests per second with bursts of 2: the first two always go through.
        Response refused = null;
        int sent = 0;
        while (refused == null && sent < 20) {
            Response response = given().header("Authorization", DAVE).when().get("/talks?limit=1");
            sent++;
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertEquals(200, response.statusCode(), response::asString);
            }
        }
        assertTrue(refused != null, "no 429 after " + sent + " requests at full speed");
        assertTrue(sent >= 3, "the burst of 2 was refused at request " + sent);
        JsonNode error = Api.json(refused);
        assertEquals("TooManyRequestsError", error.get("kind").asText());
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertEquals(1, retryAfter, "Retry-After at 2 requests per second");

        // The window the gateway asked for, on its clock (moved on, not waited for).
        try {
            clock.advance(Duration.ofSeconds(retryAfter));
            Response after = given().header("Authorization", DAVE).when().get("/talks?limit=1");
            assertEquals(200, after.statusCode(), after::asString);
        } finally {
            clock.reset();
        }
    }

    @Test
    void bodyDeclaredOverTheTransportLimitIsRefusedBeforeItIsSent() {
        for (String path : new String[] {"/talks", "/audios", "/images"}) {
            Api.RawResponse response = Api.raw("POST " + path + " HTTP/1.1\r\nAuthorization: " + ALICE
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (13 * 1024 * 1024));
            assertEquals(413, response.status(), () -> path + ": " + response.head() + "\n" + response.body());
            JsonNode error = Api.json(response.body());
            assertEquals("PayloadTooLargeError", error.get("kind").asText());
            assertTrue(error.get("description").asText().contains("larger than"), error::toString);
        }
    }

    @Test
    void openApiDocumentIsServed() {
        Response response = given().queryParam("format", "json").when().get("/q/openapi");

        assertEquals(200, response.statusCode(), response::asString);
        JsonNode document = Api.json(response);
        assertTrue(document.get("openapi").asText().startsWith("3."), document.get("openapi")::toString);
        assertTrue(document.get("paths").has("/talks"), () -> "paths: " + document.get("paths").toString());
    }
}
