package org.opentalks.infra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.Topics;
import org.opentalks.store.ObjectStore;
import org.opentalks.store.StoreException;
import org.opentalks.store.StoreSettings;

/**
 * What every service relies on from the local infrastructure, checked against one mode: topics,
 * a keyed record through Kafka, the object store's operations including a presigned download, and
 * (where the mode keeps data) survival of a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InfraScenario {
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(30);

    private LocalInfra.Options options;
    private LocalInfra infra;

    /** The mode under test. */
    abstract LocalInfra.Mode mode();

    /** Whether a restart on the same data directory finds the data of the run before. */
    abstract boolean keepsDataAcrossRestarts();

    @BeforeAll
    void startInfra(@TempDir Path dataDir) {
        String override = System.getProperty(LocalInfra.MODE_PROPERTY, System.getenv(LocalInfra.MODE_ENV));
        Assumptions.assumeTrue(override == null || override.isBlank() || LocalInfra.Mode.parse(override) == mode(),
                "the infrastructure mode is overridden to " + override);
        options = LocalInfra.Options.of(dataDir).withMode(mode()).withPorts(Ports.free(), Ports.free());
        infra = startTimed();
        assertEquals(mode(), infra.mode());
    }

    @AfterAll
    void stopInfra() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void everyTopicExistsWithThreePartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.kafkaBootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertEquals(Set.copyOf(Topics.ALL), topics.keySet());
            topics.values().forEach(topic -> assertEquals(3, topic.partitions().size(), topic.name()));
        }
    }

    @Test
    void keyedRecordComesBackFromTalksRequested() {
        String talkId = "tlk_" + UUID.randomUUID();
        String value = "{\"talk_id\":\"" + talkId + "\",\"owner\":\"scenario\"}";

        RecordMetadata sent = produce(Topics.REQUESTED, talkId, value);
        ConsumerRecord<String, String> received = consume(sent, "scenario-" + UUID.randomUUID(), false);

        assertEquals(talkId, received.key());
        assertEquals(value, received.value());
    }

    @Test
    void objectStoreKeepsListsPresignsAndDeletesObjects() throws Exception {
        String prefix = "scenario/" + UUID.randomUUID() + "/";
        byte[] video = new byte[300_000];
        new Random(7).nextBytes(video);
        Note note = new Note("tlk_1", 250, List.of("AA", "M"));

        try (ObjectStore store = new ObjectStore(infra.storeSettings())) {
            store.put(prefix + "result.mp4", video, "video/mp4");
            store.put(prefix + "speech.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");
            store.putJson(prefix + "note.json", note);

            assertTrue(store.exists(prefix + "result.mp4"));
            assertFalse(store.exists(prefix + "missing.mp4"));
            assertArrayEquals(video, store.get(prefix + "result.mp4"));
            assertEquals(note, store.getJson(prefix + "note.json", Note.class));
            assertEquals(List.of(prefix + "note.json", prefix + "result.mp4", prefix + "speech.txt"),
                    store.list(prefix));

            HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(store.presignedGet(prefix + "result.mp4",
                            Duration.ofMinutes(5)))).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            assertArrayEquals(video, download.body());

            store.delete(prefix + "speech.txt");
            assertFalse(store.exists(prefix + "speech.txt"));
            assertEquals(List.of(prefix + "note.json", prefix + "result.mp4"), store.list(prefix));
        }

        StoreSettings good = infra.storeSettings();
        StoreSettings wrongSecret = new StoreSettings(good.endpoint(), good.publicEndpoint(), good.accessKey(),
                "not-the-secret", good.bucket(), good.region());
        try (ObjectStore intruder = new ObjectStore(wrongSecret)) {
            assertThrows(StoreException.class, () -> intruder.get(prefix + "result.mp4"));
        }
    }

    @Test
    void objectsAndCommittedRecordsSurviveARestart() throws Exception {
        Assumptions.assumeTrue(keepsDataAcrossRestarts(), mode() + " keeps no data across restarts");
        String key = "survivor/" + UUID.randomUUID() + ".bin";
        byte[] bytes = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        String talkId = "tlk_" + UUID.randomUUID();
        String group = "survivor-" + UUID.randomUUID();
        try (ObjectStore store = new ObjectStore(infra.storeSettings())) {
            store.put(key, bytes, "application/octet-stream");
        }
        RecordMetadata sent = produce(Topics.COMPLETED, talkId, "done");
        consume(sent, group, true);

        infra.close();
        infra = null;
        infra = startTimed();

        try (ObjectStore store = new ObjectStore(infra.storeSettings())) {
            assertArrayEquals(bytes, store.get(key));
        }
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(group))) {
            OffsetAndMetadata committed = consumer.committed(Set.of(partition), Duration.ofSeconds(30))
                    .get(partition);
            assertNotNull(committed, "no committed offset for " + group + " after the restart");
            assertEquals(sent.offset() + 1, committed.offset());
        }
        ConsumerRecord<String, String> again = consume(sent, "reader-" + UUID.randomUUID(), false);
        assertEquals(talkId, again.key());
        assertEquals("done", again.value());
    }

    record Note(String talkId, int frames, List<String> visemes) {
    }

    private LocalInfra startTimed() {
        long begin = System.nanoTime();
        LocalInfra started = LocalInfra.start(options);
        System.out.printf("%s infrastructure up in %d ms%n", mode(), (System.nanoTime() - begin) / 1_000_000);
        return started;
    }

    private RecordMetadata produce(String topic, String key, String value) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot produce to " + topic, e);
        }
    }

    /** Reads the record at {@code sent}'s offset; with {@code commit}, commits the next offset for {@code group}. */
    private ConsumerRecord<String, String> consume(RecordMetadata sent, String group, boolean commit) {
        TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(group))) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, sent.offset());
            Instant deadline = Instant.now().plus(RECEIVE_TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == sent.offset()) {
                        if (commit) {
                            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                        }
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("record at " + sent + " not received within " + RECEIVE_TIMEOUT);
    }

    private Properties consumerConfig(String group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }
}
