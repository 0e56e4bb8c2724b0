package org.opentalks.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.opentalks.gateway.rest.GatewayTestProfile.ALICE;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.Topics;
import org.opentalks.contract.api.TalkFace;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.RecordChanged;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.store.ObjectStore;

/**
 * Plays the webhook-notifier's part, which these tests do not run: it creates a talk's record from
 * its {@code talks.requested} event, writes later states of the record, and announces every write on
 * {@code talks.status}, as the notifier does. Also reads back what the gateway sent to the broker.
 */
final class NotifierStandIn implements AutoCloseable {
    private static final Duration SEND_WAIT = Duration.ofSeconds(30);

    private final ObjectStore store;
    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;

    NotifierStandIn(ObjectStore store, String bootstrap) {
        this.store = store;
        this.bootstrap = bootstrap;
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /** The notifier's reaction to {@code talks.requested}: the created record, stored and announced. */
    TalkRecord storeCreated(String talkId) {
        TalkRequested event = onlyRequested(bootstrap, talkId);
        return write(TalkRecord.created(talkId, event.owner(), event.spec(), event.createdAt()));
    }

    /**
     * What the stages and the notifier leave behind for a talk that went well: its speech under
     * {@code work/{id}/}, its result under {@code results/}, and the record through started to done.
     */
    TalkRecord finish(String talkId, byte[] result, byte[] speech) {
        TalkRecord created = storeCreated(talkId);
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        write(created.started(started));
        String resultKey = ObjectKeys.result(created.owner(), talkId, created.spec().config().resultFormat());
        String audioKey = ObjectKeys.work(talkId, ObjectKeys.SPEECH_WAV);
        store.put(resultKey, result, "video/mp4");
        store.put(audioKey, speech, "audio/wav");
        store.put(ObjectKeys.work(talkId, ObjectKeys.FACE_JSON), "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        ResultMetadata metadata = new ResultMetadata("bank://lively/driver-02/flipped", true, 1, 80, 51.5,
                List.of(512, 512), result.length / 1024.0, "espeak-ng:en-us");
        TalkFace face = new TalkFace(-1, List.of(180, 120, 330, 300), "no", 512, List.of(0, 0), 0, 0.99);
        return write(created.started(started).done(started.plusMillis(1500), resultKey, audioKey, 3.2, metadata,
                face));
    }

    /** Stores {@code record} and announces it on talks.status. */
    TalkRecord write(TalkRecord record) {
        store.putJson(ObjectKeys.record(record.owner(), record.id()), record);
        announce(record);
        return record;
    }

    /** Announces a record write on talks.status (the notifier does after every write). */
    void announce(TalkRecord record) {
        send(new RecordChanged(record.id(), record.owner(), record), null);
    }

    /**
     * Returns once the gateway has consumed everything announced so far: on each partition of
     * talks.status, a probe talk announced behind it becomes readable. The gateway's consumer starts
     * from the latest offset when it joins, so a probe sent before that is lost; it is sent again
     * until one arrives. Called before announcing, it waits until the gateway follows the topic.
     */
    void awaitGatewayCaughtUp() {
        for (int partition = 0; partition < partitions(); partition++) {
            awaitGatewayCaughtUp(partition);
        }
    }

    private void awaitGatewayCaughtUp(int partition) {
        Instant end = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(end)) {
            String probe = TalkIds.talkId();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            TalkRecord done = TalkRecord.created(probe, "alice", TalkSpec.of("https://example.com/probe.png",
                    TalkSpec.Script.text("probe", TalkSpec.Provider.of("microsoft", "en-US-JennyNeural"), false),
                    TalkSpec.TalkConfig.DEFAULT), now).done(now, null, null, 1, null, null);
            send(new RecordChanged(probe, "alice", done), partition);
            if (Api.await("probe " + probe, Duration.ofSeconds(5),
                    () -> Api.getTalk(ALICE, probe).statusCode() == 200 ? Optional.of(true)
                            : Optional.<Boolean>empty()).isPresent()) {
                return;
            }
        }
        fail("the gateway did not follow talks.status partition " + partition + " within 90 s");
    }

    private int partitions() {
        return producer.partitionsFor(Topics.STATUS).size();
    }

    private void send(RecordChanged change, Integer partition) {
        try {
            producer.send(new ProducerRecord<>(Topics.STATUS, partition, change.talkId(), Json.write(change)))
                    .get(SEND_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("talks.status did not take " + change.talkId(), e);
        }
    }

    /** The one talks.requested event of {@code talkId}. */
    static TalkRequested onlyRequested(String bootstrap, String talkId) {
        List<TalkRequested> events = requested(bootstrap, r -> talkId.equals(r.key())).stream()
                .map(r -> Json.read(r.value(), TalkRequested.class)).toList();
        assertEquals(1, events.size(), () -> "talks.requested events of " + talkId + ": " + events);
        return events.get(0);
    }

    /**
     * Every talks.requested record produced so far that {@code filter} keeps. POST /talks answers only
     * once the broker holds the event, so all events of answered requests are there.
     */
    static List<ConsumerRecord<String, byte[]>> requested(String bootstrap,
                                                          Predicate<ConsumerRecord<String, byte[]>> filter) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REQUESTED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> kept = new ArrayList<>();
            Instant deadline = Instant.now().plus(Api.DEADLINE);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    fail("talks.requested could not be read to its end within " + Api.DEADLINE.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition())) && filter.test(r)) {
                        kept.add(r);
                    }
                }
            }
            return kept;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
