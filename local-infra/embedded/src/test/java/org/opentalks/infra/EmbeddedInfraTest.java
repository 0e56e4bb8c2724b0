package org.opentalks.infra;

import org.junit.jupiter.api.Tag;

/** The scenario on the real Kafka broker and S3Proxy run as child JVMs: what `./opentalks up` starts. */
@Tag("it")
class EmbeddedInfraTest extends InfraScenario {
    @Override
    LocalInfra.Mode mode() {
        return LocalInfra.Mode.EMBEDDED;
    }

    @Override
    boolean keepsDataAcrossRestarts() {
        return true;
    }
}
