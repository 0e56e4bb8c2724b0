package org.opentalks.service.testing;

import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.opentalks.contract.store.ObjectStore;

/**
 * Base of a stage service's {@code @QuarkusTest}: the service's own store client, and the broker as
 * the neighbouring stages see it ({@link TalkTopics}), connected for each test.
 */
public abstract class StageTestSupport {
    /** The owner of the talks the stage tests send. */
    protected static final String OWNER = "it";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    @Inject
    protected ObjectStore store;

    protected TalkTopics topics;

    @BeforeEach
    void connectToBroker() {
        topics = new TalkTopics(bootstrapServers);
    }

    @AfterEach
    void disconnectFromBroker() {
        topics.close();
    }
}
