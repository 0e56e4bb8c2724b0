package org.opentalks.infra;

import org.junit.jupiter.api.Tag;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The scenario on Kafka and MinIO containers; skipped where no Docker engine answers. */
@Tag("it")
@Testcontainers(disabledWithoutDocker = true)
class ContainersInfraTest extends InfraScenario {
    @Override
    LocalInfra.Mode mode() {
        return LocalInfra.Mode.CONTAINERS;
    }

    @Override
    boolean keepsDataAcrossRestarts() {
        return false;
    }
}
