package org.opentalks.service.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.opentalks.infra.LocalInfra;
import org.opentalks.store.StoreSettings;

/**
 * Runs a service's {@code @QuarkusTest} against the real broker and object store: Kafka and MinIO
 * containers where a Docker engine exists, the embedded broker and S3Proxy otherwise.
 * Services depend on {@code opentalks-local-infra} in test scope to use it.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {
    private static final String BUCKET = "opentalks";
    private LocalInfra infra;

    @Override
    public Map<String, String> start() {
        try {
            Path data = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "infra-");
            infra = LocalInfra.start(LocalInfra.Options.of(data).withBucket(BUCKET));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoreSettings store = infra.storeSettings(BUCKET);
        return Map.of(
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers(),
                "opentalks.store.endpoint", store.endpoint(),
                "opentalks.store.access-key", store.accessKey(),
                "opentalks.store.secret-key", store.secretKey(),
                "opentalks.store.bucket", store.bucket(),
                "opentalks.store.region", store.region());
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.close();
        }
    }
}
