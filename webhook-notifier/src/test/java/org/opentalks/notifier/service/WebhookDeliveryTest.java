package org.opentalks.notifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opentalks.notifier.service.NotifierFixture.OWNER;
import static org.opentalks.notifier.service.NotifierFixture.WAIT;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.Topics;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.document.WebhookLog;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.json.Json;
import org.opentalks.notifier.webhook.RetryPolicy;
import org.opentalks.notifier.webhook.WebhookDeliveries;
import org.opentalks.notifier.webhook.WebhookSecrets;
import org.opentalks.service.fetch.SafeFetcher;
import org.opentalks.service.testing.LocalInfraTestResource;
import org.opentalks.store.ObjectStore;

/**
 * Webhooks as a third party receives them, from talks finished through the real broker and store:
 * signed (checked with the README's own recipes), retried with the same {@code webhook-id} until
 * taken, logged attempt by attempt, and resumed by a notifier that did not make the first attempts.
 */
@Tag("it")
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(NotifierTestProfile.class)
class WebhookDeliveryTest {
    private static final ResultMetadata METADATA =
            new ResultMetadata("bank://lively/", false, 1, 25, 30.0, List.of(512, 512), 40.0, "espeak-ng:en-us");

    @Inject
    ObjectStore store;

    @Inject
    MediaUrls media;

    @Inject
    SafeFetcher fetcher;

    @Inject
    WebhookDeliveries deliveries;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private NotifierFixture talks;
    private WebhookReceiver receiver;

    @BeforeEach
    void connect() {
        talks = new NotifierFixture(store, bootstrap);
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void disconnect() {
        receiver.close();
        talks.close();
    }

    @Test
    void aReceiverFailingThreeTimesGetsOneSignedDeliveryUnderOneId() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        receiver.answerFirst(hook, 500, 502, 503);

        complete(id, hook);

        List<WebhookReceiver.Delivery> received = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            received.add(receiver.await(hook, WAIT));
        }
        WebhookLog log = awaitLog(id, WebhookLog.State.DELIVERED);
        assertEquals(List.of(500, 502, 503, 204), log.attempts().stream().map(WebhookLog.Attempt::statusCode).toList());
        assertEquals(WebhookDeliveries.webhookId(id), log.webhookId());
        for (WebhookReceiver.Delivery delivery : received) {
            assertEquals(log.webhookId(), delivery.header("webhook-id"), "one webhook-id on every attempt");
            assertEquals(id, delivery.body().path("id").asText());
            assertEquals("done", delivery.body().path("status").asText());
        }
        // A retry carries the same talk object, its media links signed afresh (a retry hours later must not
        // hand out links about to expire).
        assertEquals(unsigned(received.get(0)), unsigned(received.get(3)), "a retry carries the same talk object");
        assertTrue(received.get(3).body().path("result_url").asText().contains("signature="));
        // Back-off: each wait at least 0.75 of 40, 80, 160 ms.
        for (int i = 1; i < 4; i++) {
            long waited = Duration.between(log.attempts().get(i - 1).at(), log.attempts().get(i).at()).toMillis();
            long backoff = NotifierTestProfile.INITIAL_BACKOFF_MS << (i - 1);
            assertTrue(waited >= 0.75 * backoff, "attempt " + (i + 1) + " came " + waited + " ms after the one before");
        }
        // Delivered: nothing is owed or scheduled any more, so no fifth attempt can come.
        assertFalse(store.exists(ObjectKeys.webhookQueued(talks.partitionOf(id), id)));
        assertFalse(deliveries.active(id));
        assertEquals(0, receiver.waiting(hook));
        // Every signature checks out with each of the README's recipes, and a tampered copy does not.
        List<SignedMessage> messages = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        for (WebhookReceiver.Delivery delivery : received) {
            messages.add(SignedMessage.of(NotifierTestProfile.SECRET, delivery.headers(), delivery.raw()));
            expected.add(true);
        }
        WebhookReceiver.Delivery last = received.get(3);
        byte[] tampered = last.raw().clone();
        tampered[tampered.length / 2] ^= 1;
        messages.add(SignedMessage.of(NotifierTestProfile.SECRET, last.headers(), tampered));
        messages.add(SignedMessage.of(NotifierTestProfile.BOBS_SECRET, last.headers(), last.raw()));
        expected.add(false);
        expected.add(false);
        for (DocumentedRecipes.Language language : DocumentedRecipes.Language.values()) {
            assertEquals(expected, DocumentedRecipes.verify(language, messages), language + " recipe");
        }
    }

    @Test
    void aClientErrorEndsTheDelivery() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        receiver.answerFirst(hook, 410);

        complete(id, hook);

        assertEquals("done", receiver.await(hook, WAIT).body().path("status").asText());
        WebhookLog log = awaitLog(id, WebhookLog.State.FAILED);
        assertEquals(1, log.attempts().size());
        assertEquals(410, log.attempts().get(0).statusCode());
        assertFalse(store.exists(ObjectKeys.webhookQueued(talks.partitionOf(id), id)));
        assertFalse(deliveries.active(id));
    }

    /** A 429's Retry-After (an hour here) is waited out up to the longest back-off (400 ms), not the first (40 ms). */
    @Test
    void tooManyRequestsWaitsAsTheReceiverAsks() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        receiver.answerNext(hook, new WebhookReceiver.Answer(429, "3600"));

        complete(id, hook);

        receiver.await(hook, WAIT);
        receiver.await(hook, WAIT);
        WebhookLog log = awaitLog(id, WebhookLog.State.DELIVERED);
        long waited = Duration.between(log.attempts().get(0).at(), log.attempts().get(1).at()).toMillis();
        assertTrue(waited >= NotifierTestProfile.MAX_BACKOFF_MS, "retried " + waited + " ms after the 429");
    }

    /**
     * A notifier that stops between two attempts loses no retry: a second one, started over the same
     * store an hour later (its clock says so), finds the delivery owed and makes the attempt, under the
     * same webhook-id.
     */
    @Test
    void aRestartedNotifierResumesTheRetries() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        receiver.answerFirst(hook, 503);
        TalkRecord talk = finishedRecord(id, receiver.url(hook));
        RetryPolicy hourly = new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(24), () -> 0.5);
        WebhookDeliveries.Settings settings = new WebhookDeliveries.Settings(Duration.ofSeconds(5), hourly,
                new WebhookSecrets(java.util.Optional.of(NotifierTestProfile.SECRET), List.of()));
        WebhookLog afterFirst;
        int partition = talks.partitionOf(id);
        try (WebhookDeliveries first = new WebhookDeliveries(store, media, fetcher, Clock.systemUTC(), settings)) {
            first.recover(partition);
            first.owe(talk, partition);
            store.putJson(ObjectKeys.record(OWNER, id), talk);
            first.dispatch(talk, partition);
            receiver.await(hook, WAIT);
            afterFirst = awaitLog(id, log -> log.attempts().size() == 1, "one attempt logged");
        }
        assertEquals(WebhookLog.State.PENDING, afterFirst.state());
        assertTrue(store.exists(ObjectKeys.webhookQueued(partition, id)), "the retry is owed in the store");
        Instant due = afterFirst.nextAttemptAt();
        assertNotNull(due);
        Clock anHourLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(1).plusSeconds(1));
        try (WebhookDeliveries second = new WebhookDeliveries(store, media, fetcher, anHourLater, settings)) {
            assertTrue(second.recover(partition) >= 1);
            WebhookReceiver.Delivery retried = receiver.await(hook, WAIT);
            assertEquals(WebhookDeliveries.webhookId(id), retried.header("webhook-id"));
            WebhookLog log = awaitLog(id, WebhookLog.State.DELIVERED);
            assertEquals(List.of(503, 204), log.attempts().stream().map(WebhookLog.Attempt::statusCode).toList());
            assertFalse(log.attempts().get(1).at().isBefore(due), "the retry waited for its time");
        }
        assertFalse(store.exists(ObjectKeys.webhookQueued(partition, id)));
    }

    /** The body with its media links' expiry and signature left out. */
    private static String unsigned(WebhookReceiver.Delivery delivery) {
        return delivery.body().toString().replaceAll("\\?expires=[^\"]*", "");
    }

    private TalkRecord finishedRecord(String id, String webhook) {
        TalkRecord created = TalkRecord.created(id, OWNER, NotifierFixture.requested(id, webhook).spec(), Instant.now());
        return created.done(Instant.now(), ObjectKeys.result(OWNER, id, "mp4"), null, 1.0, METADATA, null);
    }

    private WebhookLog awaitLog(String id, WebhookLog.State state) {
        return awaitLog(id, log -> log.state() == state, "webhook " + state.wire());
    }

    private WebhookLog awaitLog(String id, java.util.function.Predicate<WebhookLog> until, String what) {
        WebhookLog[] seen = {null};
        NotifierFixture.await(() -> {
            seen[0] = store.find(ObjectKeys.webhookLog(OWNER, id)).map(b -> Json.read(b, WebhookLog.class))
                    .orElse(null);
            return seen[0] != null && until.test(seen[0]);
        }, what + " for " + id);
        return seen[0];
    }

    private void complete(String id, String hook) {
        talks.created(id, receiver.url(hook));
        talks.send(Topics.COMPLETED, id, new TalkCompleted(id, OWNER, ObjectKeys.result(OWNER, id, "mp4"),
                null, 1.0, METADATA, null));
    }
}
