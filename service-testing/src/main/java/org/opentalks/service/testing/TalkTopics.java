package org.opentalks.service.testing;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerBuilder;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ProducerBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opentalks.contract.Topics;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkEvent;
import org.opentalks.service.kafka.EventDeserializers;
import org.opentalks.service.kafka.JsonEventSerializer;

/**
 * The broker as the neighbouring stages see it: sends events as the contract's JSON keyed by talk id,
 * and reads one talk's events back. Topics are shared by every test of the module, so reads keep only
 * the records whose key is the talk's id; each read starts from the earliest offset. For services'
 * tests, which have the Kafka test companion in test scope.
 */
public final class TalkTopics implements AutoCloseable {
    /** Generous: the first event also waits for the service's consumer to join its group. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private final KafkaCompanion companion;
    private final ProducerBuilder<String, Object> producer;

    public TalkTopics(String bootstrapServers) {
        companion = new KafkaCompanion(bootstrapServers);
        producer = companion.produceWithSerializers(new StringSerializer(), new JsonEventSerializer());
    }

    public void send(String topic, TalkEvent event) {
        producer.fromRecords(KafkaCompanion.record(topic, event.talkId(), (Object) event)).awaitCompletion(DEADLINE);
    }

    /** At least {@code count} records of {@code talkId} on {@code topic}, in offset order. */
    public <T> List<ConsumerRecord<String, T>> await(String topic, Deserializer<T> values, String talkId, int count) {
        try (ConsumerBuilder<String, T> consumer =
                     companion.consumeWithDeserializers(new StringDeserializer(), values)) {
            return consumer.fromTopics(Set.of(topic), records -> records.select().where(r -> talkId.equals(r.key())))
                    .awaitRecords(count, DEADLINE)
                    .getRecords();
        }
    }

    /** At least {@code count} progress reports of {@code talkId}, in the order they were sent. */
    public List<StageProgress> progress(String talkId, int count) {
        return await(Topics.PROGRESS, new EventDeserializers.Progress(), talkId, count).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /** A record header as text, or null when the record has none of that name. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        companion.close();
    }
}
