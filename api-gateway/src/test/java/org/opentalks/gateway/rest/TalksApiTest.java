package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.Api.TIMESTAMP;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.BOB;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.service.testing.TalkTopics;
import org.opentalks.store.ObjectStore;

/** POST /talks and GET /talks/{id} against the real object store and Kafka broker. */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class TalksApiTest {
    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createdTalkIsAnnouncedOnTalksRequestedAndAnsweredInDidShape() {
        String sourceUrl = Api.uploadImage(ALICE, Samples.photo("astronaut.png")).get("url").asText();

        JsonNode created = Api.createTalk(ALICE, """
                {"source_url": "%s",
                 "script": {"type": "text", "input": "Hello! Nice to meet you.",
                            "provider": {"type": "microsoft", "voice_id": "en-US-JennyNeural"}},
                 "config": {"stitch": "true"},
                 "webhook": "https://example.com/hook", "user_data": "order-42", "name": "hello"}
                """.formatted(sourceUrl));

        String id = created.get("id").asText();
        assertTrue(id.matches("tlk_[A-Za-z0-9_-]{21}"), id);
        assertEquals("talk", created.get("object").asText());
        assertEquals("alice", created.get("created_by").asText());
        assertTrue(created.get("created_at").asText().matches(TIMESTAMP), created.toString());
        assertEquals("created", created.get("status").asText());
        assertEquals(5, created.size(), "D-ID's create response has exactly 5 fields: " + created);

        List<ConsumerRecord<String, byte[]>> events = NotifierStandIn.requested(bootstrap, r -> id.equals(r.key()));
        assertEquals(1, events.size());
        TalkRequested requested = Json.read(events.get(0).value(), TalkRequested.class);
        TalkSpec expected = new TalkSpec(sourceUrl, null,
                TalkSpec.Script.text("Hello! Nice to meet you.",
                        TalkSpec.Provider.of("microsoft", "en-US-JennyNeural"), false),
                TalkSpec.TalkConfig.DEFAULT.withStitch(true), null, "https://example.com/hook", "order-42", "hello",
                null, false);
        assertEquals(new TalkRequested(id, "alice", expected, requested.createdAt()), requested);
        assertEquals(created.get("created_at").asText(), TalkObject.timestamp(requested.createdAt()));
        assertEquals("org.opentalks.talk.requested", TalkTopics.header(events.get(0), "ce_type"));

        // The notifier, not the gateway, writes the record (from this very event).
        assertFalse(store.exists(ObjectKeys.record("alice", id)), "the gateway must not write the record");
    }

    @Test
    void createdTalkReadsBackAsTheTalkObjectBeforeTheNotifierStoresIt() {
        String id = Api.createMinimal(ALICE);

        given().header("Authorization", ALICE)
                .when().get("/talks/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("object", equalTo("talk"))
                .body("user_id", equalTo("alice"))
                .body("created_by", equalTo("alice"))
                .body("status", equalTo("created"))
                .body("source_url", equalTo("https://example.com/photos/me.png"))
                .body("config.stitch", equalTo(false))
                .body("config.result_format", equalTo(".mp4"))
                .body("$", not(hasKey("result_url")))
                .body("$", not(hasKey("started_at")))
                .body("$", not(hasKey("error")))
                .body("created_at", matchesPattern(TIMESTAMP))
                .body("modified_at", matchesPattern(TIMESTAMP));
    }

    @Test
    void talkIsNotFoundForAnotherOwner() {
        String id = Api.createMinimal(ALICE);

        given().header("Authorization", BOB)
                .when().get("/talks/" + id)
                .then().statusCode(404)
                .body("kind", equalTo("NotFoundError"));
    }

    @Test
    void talkStoredByTheNotifierIsStillNotFoundForAnotherOwner() {
        String id = Api.createMinimal(ALICE);
        try (NotifierStandIn notifier = new NotifierStandIn(store, bootstrap)) {
            notifier.storeCreated(id);
        }

        Api.talk(ALICE, id);
        given().header("Authorization", BOB)
                .when().get("/talks/" + id)
                .then().statusCode(404)
                .body("kind", equalTo("NotFoundError"));
    }

    @Test
    void base64BasicAndBearerKeysAreAccepted() {
        String encoded = Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(StandardCharsets.UTF_8));
        String id = Api.createMinimal("Basic " + encoded);

        given().header("Authorization", "Bearer alice:alice-secret")
                .when().get("/talks/" + id)
                .then().statusCode(200)
                .body("created_by", equalTo("alice"));
    }

    @Test
    void unknownOrMalformedIdIsNotFound() {
        for (String id : new String[] {TalkIds.talkId(), "tlk_nope", "..%2Fbob%2Ftlk_x", TalkIds.imageId(),
                TalkIds.audioId(), "tlk_" + "a".repeat(22)}) {
            given().header("Authorization", ALICE)
                    .when().get("/talks/" + id)
                    .then().statusCode(404)
                    .body("kind", equalTo("NotFoundError"));
        }
    }

    @Test
    void malformedJsonIsAValidationError() {
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"source_url\": ")
                .when().post("/talks")
                .then().statusCode(400)
                .body("kind", equalTo("ValidationError"))
                .body("details", hasKey("body"));
    }

    @Test
    void emptyBodyIsAValidationError() {
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .when().post("/talks")
                .then().statusCode(400)
                .body("kind", equalTo("ValidationError"))
                .body("details", hasKey("body"));
    }
}
