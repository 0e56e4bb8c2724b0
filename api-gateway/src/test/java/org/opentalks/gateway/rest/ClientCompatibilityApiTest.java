package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentalks.contract.TalkIds;
import org.opentalks.service.testing.LocalInfraTestResource;

/**
 * What real D-ID clients send and read, beyond the request body: every authorization form for one key,
 * D-ID's error shape for unknown paths and wrong methods, absolute-form request lines, GET and DELETE
 * that declare a JSON body they do not send, compact talk objects with {@code id} first and no empty
 * fields, and URL fields vetted at submission instead of failing later.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class ClientCompatibilityApiTest {
    private static final String KEY = "alice:alice-secret";

    @Test
    void everyAuthorizationFormOfOneKeyIsAccepted() {
        Map<String, String> forms = Map.of(
                "raw, as D-ID's docs say", "Basic " + KEY,
                "RFC 7617, the key split at its colon", "Basic " + base64(KEY),
                "the key as user name, empty password (requests' HTTPBasicAuth(key, \"\"), curl -u key:)",
                "Basic " + base64(KEY + ":"),
                "bearer", "Bearer " + KEY,
                "lower-case scheme", "basic " + base64(KEY));
        List<Executable> checks = new ArrayList<>();
        forms.forEach((form, header) -> checks.add(() -> {
            Response response = given().header("Authorization", header).when().get("/talks?limit=1");
            assertEquals(200, response.statusCode(), () -> form + ": " + response.asString());
        }));
        assertAll(checks);
        for (String wrong : List.of("Basic " + base64("alice:"), "Basic " + base64(":alice-secret"),
                "Bearer " + base64(KEY), "Basic " + base64(KEY + "::"), "Token " + KEY)) {
            Response response = given().header("Authorization", wrong).when().get("/talks?limit=1");
            assertEquals(401, response.statusCode(), () -> wrong + ": " + response.asString());
            assertEquals("AuthorizationError", Api.json(response).get("kind").asText());
        }
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerInDidsErrorShape() {
        Map<String, String[]> calls = Map.of(
                "GET /nothing-here", new String[] {"404", "NotFoundError"},
                "GET /talks/tlk_x/extra", new String[] {"404", "NotFoundError"},
                "PUT /talks", new String[] {"405", "MethodNotAllowedError"},
                "PATCH /talks/" + TalkIds.talkId(), new String[] {"405", "MethodNotAllowedError"},
                "POST /credits", new String[] {"405", "MethodNotAllowedError"},
                "DELETE /tts/voices", new String[] {"405", "MethodNotAllowedError"});
        List<Executable> checks = new ArrayList<>();
        calls.forEach((call, expected) -> checks.add(() -> {
            String[] parts = call.split(" ");
            Response response = given().header("Authorization", ALICE).when().request(parts[0], parts[1]);
            assertEquals(Integer.parseInt(expected[0]), response.statusCode(), () -> call + ": " + response.asString());
            JsonNode error = Api.json(response);
            assertEquals(expected[1], error.get("kind").asText(), () -> call + ": " + error);
            assertTrue(error.get("description").isTextual(), () -> call + ": " + error);
        }));
        assertAll(checks);
    }

    @Test
    void absoluteFormRequestLinesAreServed() {
        String origin = "http://localhost:" + RestAssured.port;
        Api.RawResponse list = Api.raw("GET " + origin + "/talks?limit=1 HTTP/1.1\r\nAuthorization: Basic " + KEY);
        assertEquals(200, list.status(), list::body);
        assertTrue(Api.json(list.body()).get("talks").isArray(), list::body);

        Api.RawResponse credits = Api.raw("GET " + origin + "/credits HTTP/1.1\r\nAuthorization: Basic " + KEY);
        assertEquals(200, credits.status(), credits::body);
    }

    @Test
    void getAndDeleteDeclaringAJsonBodyWithoutOneWork() {
        String id = Api.createMinimal(ALICE);
        String json = "\r\nContent-Type: application/json\r\nAuthorization: Basic " + KEY;

        assertEquals(200, Api.raw("GET /talks/" + id + " HTTP/1.1" + json).status());
        assertEquals(200, Api.raw("GET /talks/" + id + " HTTP/1.1" + json + "\r\nContent-Length: 0").status());
        assertEquals(200, Api.raw("GET /credits HTTP/1.1" + json).status());
        assertEquals(200, Api.raw("GET /tts/voices?id=en-us HTTP/1.1" + json).status());
        Api.RawResponse missing = Api.raw("DELETE /talks/" + TalkIds.talkId() + " HTTP/1.1" + json);
        assertEquals(404, missing.status(), missing::body);
        assertEquals("NotFoundError", Api.json(missing.body()).get("kind").asText());
        Api.RawResponse processing = Api.raw("DELETE /talks/" + id + " HTTP/1.1" + json + "\r\nContent-Length: 0");
        assertEquals(409, processing.status(), processing::body);
        assertEquals("NotReadyError", Api.json(processing.body()).get("kind").asText());
    }

    @Test
    void talkObjectsAreCompactWithIdFirstAndNoEmptyFields() {
        String id = Api.createMinimal(ALICE);
        Response response = Api.getTalk(ALICE, id);
        String body = response.asString();

        assertEquals(200, response.statusCode(), body);
        assertTrue(body.startsWith("{\"id\":\"" + id + "\","), body);
        assertFalse(body.contains("\n") || body.contains(": "), body);
        JsonNode talk = Api.json(response);
        assertFalse(talk.has("result_url"), "no result_url before the talk is done: " + body);
        for (Iterator<Map.Entry<String, JsonNode>> fields = talk.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            assertFalse(field.getValue().isNull() || field.getValue().isTextual() && field.getValue().asText().isEmpty(),
                    () -> field.getKey() + " is empty in " + body);
        }
        String created = Api.postTalk(ALICE, Api.MINIMAL_BODY).asString();
        assertTrue(created.startsWith("{\"id\":\"tlk_"), created);
        String error = Api.getTalk(ALICE, TalkIds.talkId()).asString();
        assertTrue(error.startsWith("{\"kind\":\"NotFoundError\",\"description\":"), error);
    }

    @Test
    void webhookAndMediaUrlsThatCouldNeverBeReachedAreRefusedAtSubmission() {
        Map<String, String> refused = Map.of(
                "body.webhook", "\"webhook\": \"https://10.0.0.1/h\"",
                "body.webhook ", "\"webhook\": \"https://[::ffff:127.0.0.1]/h\"",
                "body.webhook  ", "\"webhook\": \"https://2130706433/h\"",
                "body.webhook   ", "\"webhook\": \"https://metadata.google.internal/h\"",
                "body.webhook    ", "\"webhook\": \"http://example.com/h\"",
                "body.result_url", "\"result_url\": \"https://169.254.169.254/latest\"",
                "body.source_url", "\"source_url\": \"https://192.168.1.10/face.png\"");
        List<Executable> checks = new ArrayList<>();
        refused.forEach((path, field) -> checks.add(() -> {
            String body = Api.MINIMAL_BODY.substring(0, Api.MINIMAL_BODY.lastIndexOf('}')) + ", " + field + "}";
            if (path.startsWith("body.source_url")) {
                body = "{" + field + ", \"script\": {\"type\": \"text\", \"input\": \"Hello there!\"}}";
            }
            Response response = Api.postTalk(ALICE, body);
            assertEquals(400, response.statusCode(), () -> field + ": " + response.asString());
            JsonNode error = Api.json(response);
            assertEquals("ValidationError", error.get("kind").asText(), error::toString);
            assertTrue(error.get("details").has(path.trim()), error::toString);
        }));
        assertAll(checks);
        // The test profile allow-lists plain http to 127.0.0.1 (local receivers), as an operator may.
        Api.createTalk(ALICE, Api.MINIMAL_BODY.substring(0, Api.MINIMAL_BODY.lastIndexOf('}'))
                + ", \"webhook\": \"http://127.0.0.1:9/hook\"}");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
