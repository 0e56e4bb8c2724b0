package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.BOB;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.json.Json;
import org.opentalks.service.testing.AdjustableClock;
import org.opentalks.service.testing.LocalInfraTestResource;

/**
 * {@code Idempotency-Key} on POST /talks: a repeated key answers the first talk again instead of
 * creating (and announcing, and charging) another. Each case marks its requests with its own
 * user_data, so the talks.requested events it caused can be counted.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class IdempotencyApiTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AdjustableClock clock;

    @Test
    void sameKeyTwiceAnswersTheSameTalkAndAnnouncesItOnce() {
        String marker = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();

        Response first = post(ALICE, key, marker);
        Response second = post(ALICE, key, marker);

        assertEquals(201, first.statusCode(), first::asString);
        assertEquals(201, second.statusCode(), second::asString);
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals("true", second.header("Idempotent-Replayed"));
        JsonNode original = Api.json(first);
        assertEquals(original, Api.json(second), "the same create response");
        assertEquals(List.of(original.get("id").asText()), announced(marker));
    }

    @Test
    void differentKeysCreateDifferentTalks() {
        String marker = UUID.randomUUID().toString();

        String one = Api.json(post(ALICE, UUID.randomUUID().toString(), marker)).get("id").asText();
        String two = Api.json(post(ALICE, UUID.randomUUID().toString(), marker)).get("id").asText();

        assertNotEquals(one, two);
        assertEquals(Set.of(one, two), Set.copyOf(announced(marker)));
    }

    @Test
    void sameKeyOfDifferentOwnersCreatesTheirOwnTalks() {
        String marker = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();

        JsonNode alices = Api.json(post(ALICE, key, marker));
        Response bobs = post(BOB, key, marker);

        assertEquals(201, bobs.statusCode(), bobs::asString);
        assertNull(bobs.header("Idempotent-Replayed"));
        assertEquals("bob", Api.json(bobs).get("created_by").asText());
        assertNotEquals(alices.get("id").asText(), Api.json(bobs).get("id").asText());
        assertEquals(404, Api.getTalk(BOB, alices.get("id").asText()).statusCode());
        assertEquals(2, announced(marker).size());
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneTalk() throws Exception {
        String marker = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post(ALICE, key, marker);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }

            for (Response response : responses) {
                assertEquals(201, response.statusCode(), response::asString);
            }
            Set<String> ids = responses.stream().map(r -> Api.json(r).get("id").asText()).collect(Collectors.toSet());
            assertEquals(1, ids.size(), "one talk: " + ids);
            assertEquals(requests - 1, responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed")))
                    .count(), "all but the first are replays");
            assertEquals(List.copyOf(ids), announced(marker));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Past the window (24 h, by the gateway's clock moved on, not waited for) the key names a new talk. */
    @Test
    void aKeyOlderThanTheWindowCreatesANewTalk() {
        String marker = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        String first = Api.json(post(ALICE, key, marker)).get("id").asText();
        try {
            clock.advance(Duration.ofHours(23));
            Response within = post(ALICE, key, marker);
            assertEquals("true", within.header("Idempotent-Replayed"), "23 h later the key still answers its talk");
            assertEquals(first, Api.json(within).get("id").asText());

            clock.advance(Duration.ofHours(1).plusSeconds(1));
            Response after = post(ALICE, key, marker);
            assertEquals(201, after.statusCode(), after::asString);
            assertNull(after.header("Idempotent-Replayed"));
            assertNotEquals(first, Api.json(after).get("id").asText());
        } finally {
            clock.reset();
        }
    }

    @Test
    void overlongKeyIsAValidationError() {
        Response response = post(ALICE, "k".repeat(256), UUID.randomUUID().toString());

        assertEquals(400, response.statusCode(), response::asString);
        assertEquals("ValidationError", Api.json(response).get("kind").asText());
        assertEquals(true, Api.json(response).get("details").has("header.Idempotency-Key"), response::asString);
    }

    private static Response post(String authorization, String key, String marker) {
        return given().header("Authorization", authorization).header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body("""
                        {"source_url": "https://example.com/photos/me.png",
                         "script": {"type": "text", "input": "Hello there!"}, "user_data": "%s"}""".formatted(marker))
                .when().post("/talks");
    }

    /** The ids of the talks announced on talks.requested with this user_data. */
    private List<String> announced(String marker) {
        return NotifierStandIn.requested(bootstrap, r -> true).stream()
                .map(r -> Json.read(r.value(), TalkRequested.class))
                .filter(e -> marker.equals(e.spec().userData()))
                .map(TalkRequested::talkId)
                .toList();
    }
}
