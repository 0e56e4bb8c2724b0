package org.opentalks.notifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opentalks.notifier.service.NotifierFixture.OWNER;
import static org.opentalks.notifier.service.NotifierFixture.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.Topics;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.service.testing.LocalInfraTestResource;

/** Webhook retries as a third party sees them. */
@QuarkusTest
@QuarkusTestResource(LocalInfraTestResource.class)
@TestProfile(NotifierTestProfile.class)
class WebhookDeliveryTest {
    private static final ResultMetadata METADATA =
            new ResultMetadata("bank://lively/", false, 1, 25, 30.0, List.of(512, 512), 40.0, "espeak-ng:en-us");

    @Inject
    ObjectStore store;

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
    void serverErrorIsRetriedUntilTheReceiverTakesIt() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        receiver.answerFirst(hook, 500);

        complete(id, hook);

        JsonNode first = receiver.await(hook, WAIT).body();
        JsonNode second = receiver.await(hook, WAIT).body();
        assertEquals(id, first.path("id").asText());
        assertEquals(first, second, "a retry carries the same talk object");
        // The next back-off would be 2 s: nothing more may come once 204 was answered.
        receiver.assertNoDelivery(hook, Duration.ofSeconds(4));
    }

    @Test
    void clientErrorIsFinal() throws Exception {
        String id = TalkIds.talkId();
        String hook = "/hooks/" + id;
        receiver.answerFirst(hook, 410);

        complete(id, hook);

        assertEquals("done", receiver.await(hook, WAIT).body().path("status").asText());
        // A retry would come 1 s after the first attempt.
        receiver.assertNoDelivery(hook, Duration.ofSeconds(3));
    }

    private void complete(String id, String hook) {
        talks.created(id, receiver.url(hook));
        talks.send(Topics.COMPLETED, id, new TalkCompleted(id, OWNER, ObjectKeys.result(OWNER, id, "mp4"),
                null, 1.0, METADATA, null));
    }
}
