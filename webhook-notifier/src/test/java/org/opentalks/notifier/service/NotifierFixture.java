package org.opentalks.notifier.service;

import static org.junit.jupiter.api.Assertions.fail;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ProducerBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.Topics;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.store.ObjectStore;

/** Talk records in the real store and events on the real broker, as the other services would write them. */
final class NotifierFixture implements AutoCloseable {
    static final String OWNER = "alice";
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ObjectStore store;
    private final KafkaCompanion kafka;
    private final ProducerBuilder<String, byte[]> producer;

    NotifierFixture(ObjectStore store, String bootstrapServers) {
        this.store = store;
        this.kafka = new KafkaCompanion(bootstrapServers);
        this.producer = kafka.produceWithSerializers(new StringSerializer(), new ByteArraySerializer());
    }

    /** Announces a new talk as the gateway does, and waits for the notifier to create its record. */
    TalkRecord created(String talkId, String webhook) {
        send(Topics.REQUESTED, talkId, requested(talkId, webhook));
        return await(talkId, r -> true, "the record created from talks.requested");
    }

    static TalkRequested requested(String talkId, String webhook) {
        TalkSpec spec = new TalkSpec("s3://opentalks/uploads/alice/img_sample/astronaut.png", null,
                TalkSpec.Script.text("Hello there!", null, false), TalkSpec.TalkConfig.DEFAULT, null,
                webhook, "order-" + talkId, "greeting", null, false);
        return new TalkRequested(talkId, OWNER, spec, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The stored record, or null while there is none. */
    TalkRecord record(String talkId) {
        return store.find(ObjectKeys.record(OWNER, talkId)).map(b -> Json.read(b, TalkRecord.class)).orElse(null);
    }

    /** The partition a talk's events go to: the default partitioner's, over the talk topics' partitions. */
    int partitionOf(String talkId) {
        int partitions = kafka.topics().describe(Topics.REQUESTED).get(Topics.REQUESTED).partitions().size();
        return Utils.toPositive(Utils.murmur2(talkId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Sends {@code event} as the contract's JSON, keyed by the talk id as every producer does. */
    void send(String topic, String talkId, Object event) {
        send(new ProducerRecord<>(topic, talkId, Json.write(event)));
    }

    /** The same on one chosen partition, so that the order of two talks' events is known. */
    void sendToPartition(String topic, int partition, String talkId, Object event) {
        send(new ProducerRecord<>(topic, partition, talkId, Json.write(event)));
    }

    void send(String topic, String talkId, byte[] value, List<Header> headers) {
        send(new ProducerRecord<>(topic, null, talkId, value, headers));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        producer.fromRecords(record).awaitCompletion(WAIT);
    }

    TalkRecord awaitStatus(String talkId, TalkStatus status) {
        return await(talkId, r -> r.status() == status, "status " + status.wire());
    }

    /** Polls the stored record until {@code until} holds, failing after {@link #WAIT}. */
    TalkRecord await(String talkId, Predicate<TalkRecord> until, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            TalkRecord record = record(talkId);
            if (record != null && until.test(record)) {
                return record;
            }
            if (System.nanoTime() > deadline) {
                fail("talk " + talkId + " did not reach " + what + " within " + WAIT.toSeconds() + " s: " + record);
            }
            pause();
        }
    }

    /** Polls {@code condition} until it holds, failing after {@link #WAIT}. */
    static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + " did not happen within " + WAIT.toSeconds() + " s");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    @Override
    public void close() {
        kafka.close();
    }
}
