package org.opentalks.service.stage;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import org.opentalks.contract.event.StageFailure;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkEvent;
import org.opentalks.contract.event.TalkFailed;

/**
 * Runs one stage's work on one talk: reports start and finish on {@code talks.progress}, sends the
 * result downstream and waits for the broker's acknowledgement before the incoming message is
 * acknowledged (at-least-once). A {@link StageFailure} becomes {@code talks.failed}; any other
 * exception propagates, so the message goes to the dead-letter topic.
 */
@ApplicationScoped
public class StageRunner {
    private static final Logger LOG = Logger.getLogger(StageRunner.class);

    @Inject
    @Channel("progress")
    Emitter<Record<String, StageProgress>> progress;

    @Inject
    @Channel("failed")
    Emitter<Record<String, TalkFailed>> failed;

    @ConfigProperty(name = "quarkus.application.name")
    String stage;

    public <E extends TalkEvent> void run(TalkEvent in, Emitter<Record<String, E>> out, Supplier<E> work) {
        if (in == null) {
            LOG.warn("skipping a message whose payload could not be read");
            return;
        }
        String talkId = in.talkId();
        long start = System.nanoTime();
        send(progress, talkId, new StageProgress(talkId, in.owner(), stage, StageProgress.Phase.STARTED,
                Instant.now(), 0));
        try {
            E result = work.get();
            send(out, talkId, result);
            long millis = (System.nanoTime() - start) / 1_000_000;
            send(progress, talkId, new StageProgress(talkId, in.owner(), stage, StageProgress.Phase.FINISHED,
                    Instant.now(), millis));
            LOG.infof("%s %s finished in %d ms", stage, talkId, millis);
        } catch (StageFailure f) {
            LOG.infof("%s %s failed: %s %s", stage, talkId, f.kind(), f.getMessage());
            send(failed, talkId, new TalkFailed(talkId, in.owner(), stage, f.kind(), f.getMessage()));
        }
    }

    private static <T> void send(Emitter<Record<String, T>> emitter, String key, T value) {
        emitter.send(Record.of(key, value)).toCompletableFuture().join();
    }
}
