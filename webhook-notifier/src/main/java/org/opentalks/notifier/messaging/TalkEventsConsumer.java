package org.opentalks.notifier.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.event.TalkFailed;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.json.Json;
import org.opentalks.notifier.service.TalkLifecycle;

/** Every event that changes a talk's status, handed to {@link TalkLifecycle}. */
@ApplicationScoped
public class TalkEventsConsumer {
    private static final Logger LOG = Logger.getLogger(TalkEventsConsumer.class);

    @Inject
    TalkLifecycle lifecycle;

    /**
     * Records of different talks are created a few at a time ({@code record-writers} pool): enough to
     * keep up with the pipeline, while a burst of requests is absorbed as consumer lag instead of
     * taking the CPU the gateway needs to accept them.
     */
    @Incoming("requested")
    @io.smallrye.reactive.messaging.annotations.Blocking(value = "record-writers", ordered = false)
    public void onRequested(TalkRequested event) {
        if (event != null) {
            lifecycle.requested(event);
        }
    }

    @Incoming("progress-in")
    @Blocking
    public void onProgress(StageProgress event) {
        if (event != null) {
            lifecycle.progress(event);
        }
    }

    @Incoming("completed")
    @Blocking
    public void onCompleted(TalkCompleted event) {
        if (event != null) {
            lifecycle.completed(event);
        }
    }

    @Incoming("failed-in")
    @Blocking
    public void onFailed(TalkFailed event) {
        if (event != null) {
            lifecycle.failed(event);
        }
    }

    /** A stage gave up on a message after an unexpected error: its talk ends in error. */
    @Incoming("dead-letter")
    @Blocking
    public CompletionStage<Void> onDeadLetter(Message<byte[]> message) {
        try {
            JsonNode event = Json.mapper().readTree(message.getPayload());
            String talkId = find(event, "talk_id");
            String owner = find(event, "owner");
            if (talkId == null || owner == null) {
                LOG.warn("dead letter without talk id or owner ignored");
            } else {
                lifecycle.fail(owner, talkId, ErrorKind.InternalServerError,
                        "Processing failed in " + header(message, "dead-letter-topic") + ": "
                                + header(message, "dead-letter-reason"));
            }
        } catch (IOException e) {
            LOG.warn("unreadable dead letter ignored", e);
        }
        return message.ack();
    }

    /** The first field of that name at any depth (events nest their predecessors). */
    private static String find(JsonNode node, String field) {
        JsonNode found = node == null ? null : node.findValue(field);
        return found == null || !found.isTextual() ? null : found.asText();
    }

    private static String header(Message<?> message, String name) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(name))
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .orElse("unknown");
    }
}
