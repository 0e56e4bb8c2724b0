package org.opentalks.notifier.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.Topics;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.event.TalkFailed;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.json.Json;
import org.opentalks.notifier.service.TalkLifecycle;
import org.opentalks.store.StoreException;

/**
 * Every event that changes a talk's status, from one consumer of all five topics, handed to
 * {@link TalkLifecycle} with the partition it came from. One consumer, so that the range assignor
 * gives partition p of every topic to the same replica: all of a talk's events (keyed by its id, the
 * topics partitioned alike) reach one notifier, the only writer of its record. Events are processed a
 * few at a time, in any order ({@code talk-writers}); each is acknowledged once its change is written,
 * or, for an event that overtook its talk's request, once the record exists (or the wait is over),
 * without holding a worker while it waits. A store outage is ridden out the same way.
 */
@ApplicationScoped
public class TalkEventsConsumer {
    private static final Logger LOG = Logger.getLogger(TalkEventsConsumer.class);
    /** How long an event waits for an unavailable store before it is given up (and logged). */
    private static final Duration OUTAGE_TOLERANCE = Duration.ofMinutes(2);
    private static final Duration INITIAL_WAIT = Duration.ofMillis(500);
    private static final Duration MAX_WAIT = Duration.ofSeconds(8);
    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "events-awaiting-the-store");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    TalkLifecycle lifecycle;

    @Incoming("talk-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    @io.smallrye.reactive.messaging.annotations.Blocking(value = "talk-writers", ordered = false)
    public CompletionStage<Void> onEvent(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a talk event without its Kafka record"));
        handle(message, kafka, System.nanoTime() + OUTAGE_TOLERANCE.toNanos(), INITIAL_WAIT.toMillis());
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Applies the event, then acknowledges it. While the store is unavailable the event is tried again,
     * waiting 0.5 s and then twice as long each time (at most 8 s), until {@code deadline}: nothing is
     * acknowledged, so nothing is lost, and no worker waits meanwhile.
     */
    private void handle(Message<byte[]> message, IncomingKafkaRecordMetadata<?, ?> kafka, long deadline, long wait) {
        CompletionStage<Void> written;
        try {
            written = apply(message, kafka);
        } catch (UnreadableEvent e) {
            LOG.warnf("unreadable event on %s ignored: %s", kafka.getTopic(), e.getMessage());
            message.ack();
            return;
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((ok, error) -> {
            Throwable cause = error instanceof java.util.concurrent.CompletionException c ? c.getCause() : error;
            if (cause == null) {
                message.ack();
            } else if (cause instanceof StoreException store && store.isUnavailable()
                    && System.nanoTime() + wait * 1_000_000 < deadline) {
                LOG.warnf("event on %s waits for the store (%s); trying again in %d ms", kafka.getTopic(),
                        store.getMessage(), wait);
                RETRIES.schedule(() -> handle(message, kafka, deadline, Math.min(2 * wait, MAX_WAIT.toMillis())),
                        wait, TimeUnit.MILLISECONDS);
            } else {
                LOG.errorf(cause, "event on %s partition %d offset %d not applied", kafka.getTopic(),
                        kafka.getPartition(), kafka.getOffset());
                message.nack(cause);
            }
        });
    }

    private CompletionStage<Void> apply(Message<byte[]> message, IncomingKafkaRecordMetadata<?, ?> kafka) {
        int partition = kafka.getPartition();
        return switch (kafka.getTopic()) {
            case Topics.REQUESTED -> {
                lifecycle.requested(read(message, TalkRequested.class), partition);
                yield CompletableFuture.completedFuture(null);
            }
            case Topics.PROGRESS -> lifecycle.progress(read(message, StageProgress.class), partition);
            case Topics.COMPLETED -> lifecycle.completed(read(message, TalkCompleted.class), partition);
            case Topics.FAILED -> lifecycle.failed(read(message, TalkFailed.class), partition);
            case Topics.DEAD_LETTER -> deadLetter(message, kafka, partition);
            default -> throw new IllegalStateException("unexpected topic " + kafka.getTopic());
        };
    }

    /** A stage gave up on a message after an unexpected error: its talk ends in error. */
    private CompletionStage<Void> deadLetter(Message<byte[]> message, IncomingKafkaRecordMetadata<?, ?> kafka,
                                             int partition) {
        JsonNode event = tree(message);
        String talkId = find(event, "talk_id");
        String owner = find(event, "owner");
        if (talkId == null || owner == null) {
            LOG.warn("dead letter without talk id or owner ignored");
            return CompletableFuture.completedFuture(null);
        }
        return lifecycle.fail(owner, talkId, partition, ErrorKind.InternalServerError,
                "Processing failed in " + header(kafka, "dead-letter-topic") + ": "
                        + header(kafka, "dead-letter-reason"));
    }

    private static <T> T read(Message<byte[]> message, Class<T> type) {
        try {
            return Json.mapper().readValue(message.getPayload(), type);
        } catch (IOException e) {
            throw new UnreadableEvent(e);
        }
    }

    private static JsonNode tree(Message<byte[]> message) {
        try {
            return Json.mapper().readTree(message.getPayload());
        } catch (IOException e) {
            throw new UnreadableEvent(e);
        }
    }

    /** The first field of that name at any depth (events nest their predecessors). */
    private static String find(JsonNode node, String field) {
        JsonNode found = node == null ? null : node.findValue(field);
        return found == null || !found.isTextual() ? null : found.asText();
    }

    private static String header(IncomingKafkaRecordMetadata<?, ?> kafka, String name) {
        Header header = kafka.getHeaders().lastHeader(name);
        return header == null ? "unknown" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** An event that is not the contract's JSON: logged and skipped, never retried. */
    private static final class UnreadableEvent extends RuntimeException {
        UnreadableEvent(IOException cause) {
            super(cause.getMessage(), new UncheckedIOException(cause));
        }
    }
}
