package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;
import static org.opentalks.gateway.rest.GatewayTestProfile.BOB;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.Topics;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.service.testing.LocalInfraTestResource;

/** POST /talks and GET /talks/{id} against the real object store and Kafka broker. */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class TalksApiTest {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createdTalkIsStoredAnnouncedAndAnsweredInDidShape() {
        String sourceUrl = given().header("Authorization", ALICE)
                .multiPart("image", Samples.photo("astronaut.png").toFile(), "image/png")
                .when().post("/images")
                .then().statusCode(201).extract().jsonPath().getString("url");

        JsonPath created = given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("""
                        {"source_url": "%s",
                         "script": {"type": "text", "input": "Hello! Nice to meet you.",
                                    "provider": {"type": "microsoft", "voice_id": "en-US-JennyNeural"}},
                         "config": {"stitch": "true"},
                         "webhook": "https://example.com/hook", "user_data": "order-42", "name": "hello"}
                        """.formatted(sourceUrl))
                .when().post("/talks")
                .then().statusCode(201).extract().jsonPath();

        String id = created.getString("id");
        assertTrue(id.matches("tlk_[A-Za-z0-9_-]{21}"), id);
        assertEquals("talk", created.getString("object"));
        assertEquals("alice", created.getString("created_by"));
        assertTrue(created.getString("created_at").matches(TIMESTAMP), created.getString("created_at"));
        assertEquals("created", created.getString("status"));

        TalkSpec expected = new TalkSpec(sourceUrl, null,
                new TalkSpec.Script("text", "Hello! Nice to meet you.",
                        new TalkSpec.Provider("microsoft", "en-US-JennyNeural"), false),
                new TalkSpec.TalkConfig(true, "mp4"), "https://example.com/hook", "order-42", "hello");

        TalkRecord record = store.getJson(ObjectKeys.record("alice", id), TalkRecord.class);
        assertEquals(id, record.id());
        assertEquals("alice", record.owner());
        assertEquals(TalkStatus.CREATED, record.status());
        assertEquals(expected, record.spec());
        assertEquals(created.getString("created_at"), TalkObject.timestamp(record.createdAt()));

        ConsumerRecord<String, byte[]> event = awaitRequested(id);
        TalkRequested requested = Json.read(event.value(), TalkRequested.class);
        assertEquals(new TalkRequested(id, "alice", expected), requested);
        assertEquals("org.opentalks.talk.requested", KafkaCompanion.getHeader(event.headers(), "ce_type"));
    }

    @Test
    void createdTalkReadsBackAsTheTalkObjectForItsOwnerOnly() {
        String id = createMinimal(ALICE);

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
                .body("created_at", org.hamcrest.Matchers.matchesPattern(TIMESTAMP));

        given().header("Authorization", BOB)
                .when().get("/talks/" + id)
                .then().statusCode(404)
                .body("kind", equalTo("NotFoundError"));
    }

    @Test
    void base64BasicAndBearerKeysAreAccepted() {
        String encoded = Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(StandardCharsets.UTF_8));
        String id = createMinimal("Basic " + encoded);

        given().header("Authorization", "Bearer alice:alice-secret")
                .when().get("/talks/" + id)
                .then().statusCode(200)
                .body("created_by", equalTo("alice"));
    }

    @Test
    void unknownOrMalformedIdIsNotFound() {
        for (String id : new String[] {TalkIds.talkId(), "tlk_nope", "..%2Fbob%2Ftlk_x"}) {
            given().header("Authorization", ALICE)
                    .when().get("/talks/" + id)
                    .then().statusCode(404)
                    .body("kind", equalTo("NotFoundError"));
        }
    }

    @Test
    void withoutAValidKeyEveryCallIsUnauthorized() {
        given().contentType(ContentType.JSON).body(minimalBody())
                .when().post("/talks")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("kind", equalTo("AuthorizationError"))
                .body("description", not(nullValue()));

        given().header("Authorization", "Basic alice:wrong")
                .when().get("/talks/" + TalkIds.talkId())
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("kind", equalTo("AuthorizationError"));
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
    void invalidFieldIsAValidationErrorNamingItsPath() {
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("""
                        {"source_url": "https://example.com/photos/me.png",
                         "script": {"type": "text", "input": "Hi"}}""")
                .when().post("/talks")
                .then().statusCode(400)
                .body("kind", equalTo("ValidationError"))
                .body("details", hasKey("body.script.input"));
    }

    private static String createMinimal(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON)
                .body(minimalBody())
                .when().post("/talks")
                .then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static String minimalBody() {
        return """
                {"source_url": "https://example.com/photos/me.png",
                 "script": {"type": "text", "input": "Hello there!"}}""";
    }

    /** The talks.requested record keyed by {@code talkId}, read from the broker from the start. */
    private ConsumerRecord<String, byte[]> awaitRequested(String talkId) {
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap);
             ConsumerTask<String, byte[]> records = kafka
                     .consumeWithDeserializers(new StringDeserializer(), new ByteArrayDeserializer())
                     .withOffsetReset("earliest")
                     .fromTopics(Topics.REQUESTED, m -> m.select().where(r -> talkId.equals(r.key())))) {
            return records.awaitRecords(1, EVENT_WAIT).getFirstRecord();
        }
    }
}
