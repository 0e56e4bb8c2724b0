package org.opentalks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.Topics;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.document.WebhookLog;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.infra.LocalInfra;
import org.opentalks.store.ObjectStore;

/**
 * Three webhook-notifiers, packaged, on the real broker and store, share the talks' partitions: 100
 * talks, each announced, started and completed as the gateway and the stages do, all end {@code done}
 * with every write of a talk's record made by one replica (the writer header of its
 * {@code talks.status} messages), the three replicas all writing, and one signed webhook each, delivered
 * at the first attempt.
 */
@Tag("e2e")
class NotifierReplicasEndToEndTest {
    private static final String KEY = "replicas:" + Long.toHexString(System.nanoTime());
    private static final int TALKS = 100;
    private static final int REPLICAS = 3;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ResultMetadata METADATA =
            new ResultMetadata("bank://lively/", false, 1, 25, 30.0, List.of(512, 512), 40.0, "espeak-ng:en-us");

    @Test
    void threeNotifiersShareTheTalksOneWriterAndOneWebhookEach() throws Exception {
        Path root = Path.of(System.getProperty("opentalks.root"));
        Path work = Files.createDirectories(root.resolve("local-infra/launcher/target/replicas"));
        LocalCluster.Options options = new LocalCluster.Options(root, Files.createTempDirectory(work, "cluster-"), 0,
                KEY, LocalInfra.Mode.AUTO, Map.of("opentalks.fetch.allow-http-hosts", "127.0.0.1"),
                List.of(ServiceSpec.WEBHOOK_NOTIFIER)).withNotifierReplicas(REPLICAS);
        try (LocalCluster cluster = LocalCluster.start(options);
             WebhookReceiver webhooks = new WebhookReceiver(cluster.webhookSecret());
             ObjectStore store = new ObjectStore(cluster.storeSettings());
             KafkaProducer<String, byte[]> producer = producer(cluster.kafkaBootstrapServers())) {
            awaitGroupOf(cluster.kafkaBootstrapServers(), REPLICAS);
            String owner = KEY.substring(0, KEY.indexOf(':'));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < TALKS; i++) {
                String id = TalkIds.talkId();
                ids.add(id);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                TalkSpec spec = new TalkSpec("https://example.com/photo-" + i + ".png", null,
                        TalkSpec.Script.text("Talk number " + i + ".", null, false), null, null, webhooks.url(),
                        "talk-" + i, null, null, false);
                send(producer, Topics.REQUESTED, id, new TalkRequested(id, owner, spec, now));
                send(producer, Topics.PROGRESS, id, new StageProgress(id, owner, "tts-service",
                        StageProgress.Phase.STARTED, now, 0));
                send(producer, Topics.COMPLETED, id, new TalkCompleted(id, owner, ObjectKeys.result(owner, id, "mp4"),
                        null, 1.0, METADATA, null));
            }
            producer.flush();

            for (String id : ids) {
                webhooks.await(id, WAIT);
            }
            Map<String, Set<String>> writers = writersOf(cluster.kafkaBootstrapServers(), Set.copyOf(ids));
            Set<String> allWriters = new TreeSet<>();
            List<String> failures = new ArrayList<>();
            for (String id : ids) {
                TalkRecord record = store.getJson(ObjectKeys.record(owner, id), TalkRecord.class);
                WebhookLog log = awaitDelivered(store, owner, id);
                Set<String> wrote = writers.getOrDefault(id, Set.of());
                allWriters.addAll(wrote);
                if (record.status() != TalkStatus.DONE || wrote.size() != 1 || log.attempts().size() != 1
                        || webhooks.waiting(id) != 0) {
                    failures.add(id + ": " + record.status().wire() + ", written by " + wrote + ", "
                            + log.attempts().size() + " webhook attempts, " + webhooks.waiting(id) + " extra deliveries");
                }
            }
            System.out.printf("%d talks over %d notifiers: writers %s%n", TALKS, REPLICAS, allWriters);
            assertTrue(failures.isEmpty(), () -> failures.size() + " talks went wrong: " + failures);
            assertEquals(REPLICAS, allWriters.size(), "every replica wrote some talks: " + allWriters);
        }
    }

    /** Waits until the notifiers' consumer group has {@code members} members, each with partitions. */
    private static void awaitGroupOf(String bootstrap, int members) throws Exception {
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(settings)) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("webhook-notifier"))
                        .all().get().get("webhook-notifier");
                long assigned = group.members().stream()
                        .filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
                if (group.members().size() == members && assigned == members) {
                    return;
                }
                assertTrue(System.nanoTime() < deadline, "the group has " + group.members().size() + " members, "
                        + assigned + " with partitions");
                Thread.sleep(100);
            }
        }
    }

    /** Every talks.status message so far, the writers of each talk's records. */
    private static Map<String, Set<String>> writersOf(String bootstrap, Set<String> talks) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "replicas-test-" + System.nanoTime());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Set<String>> writers = new HashMap<>();
        Map<String, Integer> finals = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.STATUS));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (finals.size() < talks.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> message : consumer.poll(Duration.ofMillis(200))) {
                    if (!talks.contains(message.key())) {
                        continue;
                    }
                    Header writer = message.headers().lastHeader("opentalks-writer");
                    writers.computeIfAbsent(message.key(), k -> new TreeSet<>())
                            .add(writer == null ? "(none)" : new String(writer.value(), StandardCharsets.UTF_8));
                    if (new String(message.value(), StandardCharsets.UTF_8).contains("\"status\":\"done\"")) {
                        finals.merge(message.key(), 1, Integer::sum);
                    }
                }
            }
        }
        assertEquals(talks.size(), finals.size(), "talks.status announced every talk done");
        return writers;
    }

    private static WebhookLog awaitDelivered(ObjectStore store, String owner, String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            WebhookLog log = store.find(ObjectKeys.webhookLog(owner, id)).map(b -> Json.read(b, WebhookLog.class))
                    .orElse(null);
            if (log != null && log.state() == WebhookLog.State.DELIVERED) {
                return log;
            }
            assertTrue(System.nanoTime() < deadline, "webhook of " + id + " not delivered: " + log);
            Thread.sleep(50);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String id, Object event) {
        producer.send(new ProducerRecord<>(topic, id, Json.write(event)));
    }
}
