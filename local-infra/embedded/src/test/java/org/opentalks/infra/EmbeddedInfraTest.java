package org.opentalks.infra;

/** The scenario on the real Kafka broker and S3Proxy run as child JVMs: what `./opentalks up` starts. */
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
