package org.opentalks.infra;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraPathsTest {
    @Test
    void aMissingRuntimeSaysToBuildFirst(@TempDir Path empty) {
        InfraException failure = assertThrows(InfraException.class, () -> InfraPaths.checked(empty.resolve("runtime")));

        assertTrue(failure.getMessage().contains("build first: mvn install -DskipTests"), failure.getMessage());
    }

    @Test
    void theBuiltRuntimeHoldsTheBrokerAndS3Proxy() {
        Path runtime = InfraPaths.runtimeDir();

        assertTrue(InfraPaths.s3proxyJar(runtime).getFileName().toString().startsWith("s3proxy-"));
        assertTrue(InfraPaths.kafkaDir(runtime).resolve("kafka_2.13-4.4.0.jar").toFile().isFile(),
                "no broker jar in " + InfraPaths.kafkaDir(runtime));
    }
}
