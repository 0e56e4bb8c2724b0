package org.opentalks.service.stage;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
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
import org.opentalks.store.StoreException;

/**
 * Runs one stage's work on one talk: reports start and finish on {@code talks.progress}, sends the
 * result downstream and waits for the broker's acknowledgement before the incoming message is
 * acknowledged (at-least-once). A {@link StageFailure} becomes {@code talks.failed}. While the
 * object store is unreachable ({@link StoreException#isUnavailable()}) the work is tried again, waiting
 * 0.5 s, then twice as long each time (at most 8 s), for up to {@code opentalks.stage.store-outage-tolerance}:
 * a store that restarts or fails over costs the talk time, not its result. Any other exception, or an
 * outage that lasts longer, propagates, so the message goes to the dead-letter topic.
 */
@ApplicationScoped
public class StageRunner {
    private static final Logger LOG = Logger.getLogger(StageRunner.class);
    private static final Duration INITIAL_WAIT = Duration.ofMillis(500);
    private static final Duration MAX_WAIT = Duration.ofSeconds(8);

    @Inject
    @Channel("progress")
    Emitter<Record<String, StageProgress>> progress;

    @Inject
    @Channel("failed")
    Emitter<Record<String, TalkFailed>> failed;

    @ConfigProperty(name = "quarkus.application.name")
    String stage;

    @ConfigProperty(name = "opentalks.stage.store-outage-tolerance", defaultValue = "2m")
    Duration outageTolerance;

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
            E result = riding(work, talkId);
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

    /** {@code work}'s result, tried again while the store is unavailable, for up to the tolerance. */
    private <E> E riding(Supplier<E> work, String talkId) {
        long deadline = System.nanoTime() + outageTolerance.toNanos();
        long wait = INITIAL_WAIT.toMillis();
        while (true) {
            try {
                return work.get();
            } catch (StoreException e) {
                if (!e.isUnavailable() || System.nanoTime() + wait * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.warnf("%s %s: the store is unavailable (%s); trying again in %d ms", stage, talkId,
                        e.getMessage(), wait);
                pause(wait);
                wait = Math.min(2 * wait, MAX_WAIT.toMillis());
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the store was unavailable", e);
        }
    }

    private static <T> void send(Emitter<Record<String, T>> emitter, String key, T value) {
        emitter.send(Record.of(key, value)).toCompletableFuture().join();
    }
}
