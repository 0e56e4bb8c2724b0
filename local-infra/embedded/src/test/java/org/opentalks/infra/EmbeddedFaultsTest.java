package org.opentalks.infra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.Topics;
import org.opentalks.store.ObjectStore;
import org.opentalks.store.StoreException;

/**
 * The faults the drills inject, on the embedded broker and S3Proxy: a stopped store fails every request
 * with an error that says it is unavailable (a refusal says it is not), and comes back on its port with
 * its data; a restarted broker comes back on its port with its topics.
 */
@Tag("it")
class EmbeddedFaultsTest {
    @Test
    void theStoreGoesAwayAndComesBackAndTheBrokerRestarts(@TempDir Path dataDir) throws Exception {
        try (LocalInfra infra = LocalInfra.start(LocalInfra.Options.of(dataDir).withMode(LocalInfra.Mode.EMBEDDED)
                .withBucket("faults"));
             ObjectStore store = new ObjectStore(infra.storeSettings())) {
            byte[] kept = "before the outage".getBytes(StandardCharsets.UTF_8);
            store.put("kept.txt", kept, "text/plain");
            try (ObjectStore noBucket = new ObjectStore(infra.storeSettings("no-such-bucket"))) {
                StoreException refused = assertThrows(StoreException.class, () -> noBucket.get("kept.txt"));
                assertFalse(refused.isUnavailable(), "a missing bucket is a refusal: " + refused.getMessage());
            }

            infra.stopStore();
            StoreException down = assertThrows(StoreException.class, () -> store.get("kept.txt"));
            assertTrue(down.isUnavailable(), down.getMessage());
            infra.startStore();
            assertArrayEquals(kept, store.get("kept.txt"));

            infra.restartKafka();
            Properties settings = new Properties();
            settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
            try (Admin admin = Admin.create(settings)) {
                Map<String, ?> topics = admin.describeTopics(List.of(Topics.REQUESTED)).allTopicNames()
                        .get(Duration.ofSeconds(30).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(1, topics.size());
            }
        }
    }
}
