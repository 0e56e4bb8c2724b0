package org.opentalks.service.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.store.ObjectStore;

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

    /**
     * Asserts that {@code stage} reported exactly STARTED then FINISHED for the talk, in that order
     * and time, and returns both reports for further checks.
     */
    protected List<StageProgress> assertStartedThenFinished(String talkId, String stage) {
        List<StageProgress> progress = topics.progress(talkId, 2);
        assertEquals(List.of(StageProgress.Phase.STARTED, StageProgress.Phase.FINISHED),
                progress.stream().map(StageProgress::phase).toList());
        for (StageProgress p : progress) {
            assertEquals(stage, p.stage());
            assertEquals(OWNER, p.owner());
        }
        assertTrue(!progress.get(1).at().isBefore(progress.get(0).at()), "finished after it started");
        return progress;
    }
}
