package org.opentalks.notifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.notifier.service.NotifierFixture.OWNER;
import static org.opentalks.notifier.service.NotifierFixture.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.Topics;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.event.TalkFailed;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.service.testing.AdjustableClock;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/** The notifier advancing talk records from real events on the real broker and store. */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(NotifierTestProfile.class)
class TalkLifecycleTest {
    private static final ResultMetadata METADATA =
            new ResultMetadata("bank://lively/", true, 1, 63, 48.5, List.of(512, 512), 120.5, "espeak-ng:en-us");

    private static WebhookReceiver receiver;

    @Inject
    MediaUrls media;

    @Inject
    ObjectStore store;

    @Inject
    TalkLifecycle lifecycle;

    @Inject
    AdjustableClock clock;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private NotifierFixture talks;

    @BeforeAll
    static void startReceiver() {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void connect() {
        talks = new NotifierFixture(store, bootstrap);
    }

    @AfterEach
    void disconnect() {
        talks.close();
    }

    @Test
    void firstStartMarksStartedAndCompletionMarksDoneAndCallsTheWebhook() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        TalkRecord created = talks.created(id, receiver.url(hook));
        byte[] video = "not really an mp4, but bytes to download".getBytes(StandardCharsets.UTF_8);
        String resultKey = ObjectKeys.result(OWNER, id, "mp4");
        store.put(resultKey, video, "video/mp4");
        String audioKey = ObjectKeys.work(id, ObjectKeys.SPEECH_WAV);
        Instant at = Instant.now().minusSeconds(2);

        talks.send(Topics.PROGRESS, id, new StageProgress(id, OWNER, "tts-service",
                StageProgress.Phase.STARTED, at, 0));
        TalkRecord started = talks.awaitStatus(id, TalkStatus.STARTED);

        assertEquals(at.truncatedTo(ChronoUnit.MILLIS), started.startedAt());
        assertEquals(created.createdAt(), started.createdAt());
        assertEquals(created.spec(), started.spec());

        talks.send(Topics.PROGRESS, id, new StageProgress(id, OWNER, "driver-matcher",
                StageProgress.Phase.STARTED, Instant.now(), 0));
        talks.send(Topics.COMPLETED, id, new TalkCompleted(id, OWNER, resultKey, audioKey, 2.5, METADATA, null));
        TalkRecord done = talks.awaitStatus(id, TalkStatus.DONE);

        assertEquals(started.startedAt(), done.startedAt(), "the first start is the talk's start");
        assertEquals(resultKey, done.resultKey());
        assertEquals(audioKey, done.audioKey());
        assertEquals(2.5, done.duration());
        assertEquals(METADATA, done.metadata());
        assertNull(done.error());
        assertFalse(done.modifiedAt().isBefore(done.startedAt()));

        WebhookReceiver.Delivery delivery = receiver.await(hook, WAIT);
        assertTrue(delivery.contentType().startsWith("application/json"), delivery.contentType());
        JsonNode body = delivery.body();
        assertEquals(id, body.path("id").asText());
        assertEquals("talk", body.path("object").asText());
        assertEquals("done", body.path("status").asText());
        assertEquals("order-" + id, body.path("user_data").asText());
        assertEquals(TalkObject.timestamp(started.startedAt()), body.path("started_at").asText());
        assertEquals(2.5, body.path("duration").asDouble());
        assertEquals(63, body.path("metadata").path("num_frames").asInt());
        assertEquals(".mp4", body.path("config").path("result_format").asText());
        assertTrue(body.path("audio_url").asText().startsWith("http"), body.toString());
        String resultUrl = body.path("result_url").asText();
        assertTrue(resultUrl.startsWith("http"), resultUrl);
        assertTrue(resultUrl.startsWith("http://localhost:8080/media/" + resultKey + "?expires="), resultUrl);
        URI link = URI.create(resultUrl);
        String expires = link.getQuery().replaceAll(".*expires=([^&]+).*", "$1");
        String signature = link.getQuery().replaceAll(".*signature=([^&]+).*", "$1");
        assertTrue(media.verify(resultKey, expires, signature, Instant.now()), "the result link is signed");
        assertFalse(media.verify(resultKey, expires, signature, Instant.now().plus(Duration.ofHours(25))),
                "the result link expires after a day");
    }

    @Test
    void finalStatusNeverChangesBack() {
        String id = TalkIds.talkId();
        talks.created(id, null);
        talks.send(Topics.COMPLETED, id, new TalkCompleted(id, OWNER, ObjectKeys.result(OWNER, id, "mp4"),
                null, 1.0, METADATA, null));
        TalkRecord done = talks.awaitStatus(id, TalkStatus.DONE);

        // A late start and a late failure, each followed on the same partition by a marker talk's
        // event: once the marker has changed, the late event before it has been handled.
        String startMarker = TalkIds.talkId();
        talks.created(startMarker, null);
        talks.sendToPartition(Topics.PROGRESS, 0, id, new StageProgress(id, OWNER, "render-worker",
                StageProgress.Phase.STARTED, Instant.now(), 0));
        talks.sendToPartition(Topics.PROGRESS, 0, startMarker, new StageProgress(startMarker, OWNER,
                "tts-service", StageProgress.Phase.STARTED, Instant.now(), 0));
        talks.awaitStatus(startMarker, TalkStatus.STARTED);

        String failMarker = TalkIds.talkId();
        talks.created(failMarker, null);
        talks.sendToPartition(Topics.FAILED, 0, id, new TalkFailed(id, OWNER, "muxer", ErrorKind.SourceError,
                "late"));
        talks.sendToPartition(Topics.FAILED, 0, failMarker, new TalkFailed(failMarker, OWNER, "muxer",
                ErrorKind.SourceError, "marker"));
        talks.awaitStatus(failMarker, TalkStatus.ERROR);

        assertEquals(done, talks.record(id));
    }

    @Test
    void failureEndsTheTalkInErrorWithItsKindAndCallsTheWebhook() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        talks.created(id, receiver.url(hook));

        talks.send(Topics.FAILED, id, new TalkFailed(id, OWNER, "driver-matcher", ErrorKind.FaceError,
                "No face was found in the source image."));
        TalkRecord failed = talks.awaitStatus(id, TalkStatus.ERROR);

        assertEquals(new TalkRecord.Failure(ErrorKind.FaceError, "No face was found in the source image."),
                failed.error());
        assertNull(failed.resultKey());

        JsonNode body = receiver.await(hook, WAIT).body();
        assertEquals(id, body.path("id").asText());
        assertEquals("error", body.path("status").asText());
        assertEquals("FaceError", body.path("error").path("kind").asText());
        assertEquals("No face was found in the source image.", body.path("error").path("description").asText());
        assertTrue(body.path("result_url").isMissingNode(), body.toString());
    }

    @Test
    void deadLetteredMessageEndsTheTalkInInternalServerError() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        TalkRecord created = talks.created(id, receiver.url(hook));
        // The talk id is nested two levels deep, as in every event after the first stage.
        DriverMatched matched = new DriverMatched(new SpeechReady(id, OWNER, created.spec(),
                ObjectKeys.work(id, ObjectKeys.SPEECH_WAV), ObjectKeys.work(id, ObjectKeys.VISEMES_JSON), 1.2,
                "espeak-ng:en-us"), ObjectKeys.work(id, ObjectKeys.SOURCE_IMAGE),
                ObjectKeys.work(id, ObjectKeys.FACE_JSON), ObjectKeys.work(id, ObjectKeys.DRIVER_JSON), null);

        talks.send(Topics.DEAD_LETTER, id, org.opentalks.contract.json.Json.write(matched), List.of(
                new RecordHeader("dead-letter-reason", "boom: renderer crashed".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("dead-letter-topic", Topics.DRIVER_MATCHED.getBytes(StandardCharsets.UTF_8))));
        TalkRecord failed = talks.awaitStatus(id, TalkStatus.ERROR);

        assertEquals(ErrorKind.InternalServerError, failed.error().kind());
        assertTrue(failed.error().description().contains("boom: renderer crashed"), failed.error().description());
        assertTrue(failed.error().description().contains(Topics.DRIVER_MATCHED), failed.error().description());

        JsonNode body = receiver.await(hook, WAIT).body();
        assertEquals("error", body.path("status").asText());
        assertEquals("InternalServerError", body.path("error").path("kind").asText());
    }

    /** The timeout passes on the notifier's clock, moved on, not waited for; the sweep is run at once. */
    @Test
    void talkThatOnlyGotRequestedEndsInUnknownErrorAfterTheTimeout() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        TalkRecord created = talks.created(id, receiver.url(hook));
        Duration timeout = Duration.ofMinutes(NotifierTestProfile.TALK_TIMEOUT_MINUTES);
        try {
            clock.advance(timeout.minusSeconds(1));
            lifecycle.sweep();
            assertEquals(TalkStatus.CREATED, talks.record(id).status(), "a second before its timeout the talk waits");
            assertTrue(lifecycle.watching(id));

            clock.advance(Duration.ofSeconds(2));
            lifecycle.sweep();
            TalkRecord expired = talks.awaitStatus(id, TalkStatus.ERROR);

            assertEquals(new TalkRecord.Failure(ErrorKind.UnknownError,
                    "The talk did not finish within " + NotifierTestProfile.TALK_TIMEOUT_MINUTES + " minutes."),
                    expired.error());
            assertFalse(Duration.between(created.createdAt(), expired.modifiedAt()).compareTo(timeout) < 0,
                    "ended at " + expired.modifiedAt() + ", before the timeout");
            assertEquals("UnknownError", receiver.await(hook, WAIT).body().path("error").path("kind").asText());
            assertFalse(lifecycle.watching(id), "an ended talk is no longer watched");
        } finally {
            clock.reset();
        }
    }

    @Test
    void redeliveredRequestForAFinishedTalkChangesNothing() {
        String id = TalkIds.talkId();
        TalkRecord created = talks.created(id, null);
        talks.send(Topics.COMPLETED, id, new TalkCompleted(id, OWNER, ObjectKeys.result(OWNER, id, "mp4"),
                null, 1.0, METADATA, null));
        TalkRecord done = talks.awaitStatus(id, TalkStatus.DONE);

        lifecycle.requested(new TalkRequested(id, OWNER, created.spec(), created.createdAt()), talks.partitionOf(id));

        assertEquals(done, talks.record(id), "the record is not created again");
        assertFalse(lifecycle.watching(id), "a finished talk is not put back under watch");
    }

    @Test
    void eventThatOvertakesItsRequestWaitsForTheRecord() {
        String id = TalkIds.talkId();
        talks.send(Topics.FAILED, id, new TalkFailed(id, OWNER, "tts-service", ErrorKind.TextError,
                "The text could not be spoken."));
        NotifierFixture.await(() -> lifecycle.awaitingRecord(id), "the failure being held back");
        assertNull(talks.record(id), "nothing is written before the talk's record exists");

        talks.send(Topics.REQUESTED, id, NotifierFixture.requested(id, null));
        TalkRecord failed = talks.awaitStatus(id, TalkStatus.ERROR);

        assertEquals(ErrorKind.TextError, failed.error().kind());
    }
}
