package org.opentalks.gateway.rest;

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
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.api.TalkFace;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.json.Json;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/**
 * A talk's life as the API shows it: created, started, done or error (the records are written by a
 * stand-in for the notifier), and DELETE: refused while processing, then removing everything.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(GatewayTestProfile.class)
class TalkLifecycleApiTest {
    private static final byte[] RESULT = "not really an mp4, but bytes to compare".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPEECH = Samples.sineWav(16_000, 1, 16, 0.5, 300);

    @Inject
    ObjectStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private NotifierStandIn notifier;

    @BeforeEach
    void startNotifier() {
        notifier = new NotifierStandIn(store, bootstrap);
    }

    @AfterEach
    void stopNotifier() {
        notifier.close();
    }

    @Test
    void deleteWhileCreatedOrStartedIsNotReady() {
        String id = Api.createMinimal(ALICE);
        assertNotReady(id);

        TalkRecord created = notifier.storeCreated(id);
        assertNotReady(id);

        notifier.write(created.started(Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        JsonNode started = Api.awaitStatus(ALICE, id, "started");
        assertTrue(started.get("started_at").asText().matches(TIMESTAMP), started.toString());
        assertNotReady(id);

        assertTrue(store.exists(ObjectKeys.record("alice", id)), "a refused delete deletes nothing");
        Api.talk(ALICE, id);
    }

    @Test
    void finishedTalkShowsItsResultInDidShape() {
        String id = Api.createMinimal(ALICE);
        notifier.finish(id, RESULT, SPEECH);

        JsonNode talk = Api.awaitStatus(ALICE, id, "done");

        assertTrue(talk.get("result_url").asText().contains("/media/results/alice/" + id + ".mp4?"), talk::toString);
        assertTrue(talk.get("audio_url").asText().contains("/media/work/" + id + "/speech.wav?"), talk::toString);
        assertEquals(3.2, talk.get("duration").asDouble(), talk::toString);
        assertTrue(talk.get("started_at").asText().matches(TIMESTAMP), talk::toString);
        assertEquals("bank://lively/driver-02/flipped", talk.get("metadata").get("driver_url").asText());
        assertEquals(List.of(512, 512), List.of(talk.get("metadata").get("resolution").get(0).asInt(),
                talk.get("metadata").get("resolution").get(1).asInt()));
        assertEquals(new TalkFace(-1, List.of(180, 120, 330, 300), "no", 512, List.of(0, 0), 0, 0.99),
                Json.mapper().convertValue(talk.get("face"), TalkFace.class));
    }

    @Test
    void deleteOfAFinishedTalkAnswersItAndRemovesRecordResultAndArtifacts() {
        String id = Api.createMinimal(ALICE);
        TalkRecord done = notifier.finish(id, RESULT, SPEECH);
        String other = Api.createMinimal(ALICE);
        notifier.finish(other, RESULT, SPEECH);
        Api.awaitStatus(ALICE, id, "done");

        Response deleted = Api.deleteTalk(ALICE, id);

        assertEquals(200, deleted.statusCode(), deleted::asString);
        JsonNode talk = Api.json(deleted);
        assertEquals(id, talk.get("id").asText());
        assertEquals("talk", talk.get("object").asText());
        assertEquals("done", talk.get("status").asText());
        assertEquals("alice", talk.get("user_id").asText());
        assertTrue(talk.has("result_url"), talk::toString);

        assertEquals(404, Api.getTalk(ALICE, id).statusCode());
        assertFalse(store.exists(ObjectKeys.record("alice", id)), "record");
        assertFalse(store.exists(done.resultKey()), "result");
        assertEquals(List.of(), store.list(ObjectKeys.workPrefix(id)), "work artifacts");
        assertEquals(404, Api.deleteTalk(ALICE, id).statusCode(), "a second delete");

        // Another talk's files are untouched.
        assertTrue(store.exists(ObjectKeys.record("alice", other)));
        assertTrue(store.exists(ObjectKeys.result("alice", other, "mp4")));
        assertEquals(2, store.list(ObjectKeys.workPrefix(other)).size());
        Api.talk(ALICE, other);
    }

    @Test
    void failedTalkShowsItsErrorAndCanBeDeleted() {
        String id = Api.createMinimal(ALICE);
        TalkRecord created = notifier.storeCreated(id);
        notifier.write(created.failed(Instant.now().truncatedTo(ChronoUnit.MILLIS), ErrorKind.FaceError,
                "face not detected"));

        JsonNode talk = Api.awaitStatus(ALICE, id, "error");
        assertEquals(Api.json("{\"kind\": \"FaceError\", \"description\": \"face not detected\"}"), talk.get("error"));
        assertFalse(talk.has("result_url"), talk::toString);

        assertEquals(200, Api.deleteTalk(ALICE, id).statusCode());
        assertEquals(404, Api.getTalk(ALICE, id).statusCode());
        assertFalse(store.exists(ObjectKeys.record("alice", id)));
    }

    @Test
    void anotherOwnersTalkCannotBeDeletedAndIsNotFound() {
        String id = Api.createMinimal(ALICE);
        notifier.finish(id, RESULT, SPEECH);
        Api.awaitStatus(ALICE, id, "done");

        Response refused = Api.deleteTalk(BOB, id);

        assertEquals(404, refused.statusCode(), refused::asString);
        assertEquals("NotFoundError", Api.json(refused).get("kind").asText());
        assertTrue(store.exists(ObjectKeys.record("alice", id)));
        assertTrue(store.exists(ObjectKeys.result("alice", id, "mp4")));
        assertEquals("done", Api.talk(ALICE, id).get("status").asText());
    }

    @Test
    void deleteOfAnUnknownOrMalformedIdIsNotFound() {
        for (String id : new String[] {TalkIds.talkId(), "tlk_nope", TalkIds.imageId()}) {
            Response response = Api.deleteTalk(ALICE, id);
            assertEquals(404, response.statusCode(), id);
            assertEquals("NotFoundError", Api.json(response).get("kind").asText());
        }
    }

    private static void assertNotReady(String id) {
        Response response = Api.deleteTalk(ALICE, id);
        assertEquals(409, response.statusCode(), response::asString);
        JsonNode error = Api.json(response);
        assertEquals("NotReadyError", error.get("kind").asText());
        assertEquals("talk is in process, try again later", error.get("description").asText());
    }
}
