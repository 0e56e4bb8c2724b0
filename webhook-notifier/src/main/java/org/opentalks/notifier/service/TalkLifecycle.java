package org.opentalks.notifier.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.RecordChanged;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.event.TalkFailed;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.json.Json;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.notifier.config.NotifierConfig;
import org.opentalks.notifier.webhook.WebhookDeliveries;

/**
 * The only writer of talk records: creates them from {@code talks.requested}, then advances them
 * created → started → done | error. Final states never change. Updates to one talk are serialised,
 * since its events arrive on several topics at once; an event that overtakes its talk's
 * {@code talks.requested} waits for the record to exist. Every change after creation is announced
 * on {@code talks.status}. Talks that are not finished within the timeout are ended with an error, so
 * no talk stays {@code started} forever.
 */
@ApplicationScoped
public class TalkLifecycle {
    private static final Logger LOG = Logger.getLogger(TalkLifecycle.class);
    private static final int STRIPES = 64;

    private final ObjectStore store;
    private final WebhookDeliveries webhooks;
    private final Clock clock;
    private final NotifierConfig config;
    private final Emitter<Record<String, RecordChanged>> status;
    private final Object[] stripes = new Object[STRIPES];
    /** Talks not yet final: talk id → owner and deadline. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Events waiting for their talk's record to be created: talk id → completed on creation. */
    private final Map<String, CompletableFuture<Void>> awaitingRecord = new ConcurrentHashMap<>();

    private record Pending(String owner, Instant deadline) {
    }

    TalkLifecycle(ObjectStore store, WebhookDeliveries webhooks, NotifierConfig config, Clock clock,
                  @Channel("status") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                  Emitter<Record<String, RecordChanged>> status) {
        this.store = store;
        this.webhooks = webhooks;
        this.config = config;
        this.clock = clock;
        this.status = status;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Picks up the unfinished talks of an earlier run, so their deadlines still hold, and the webhooks
     * it still owed.
     */
    void recoverPending(@Observes StartupEvent startup) {
        for (String key : store.list(ObjectKeys.RECORDS)) {
            store.find(key).map(bytes -> Json.read(bytes, TalkRecord.class))
                    .filter(r -> !r.status().isFinal())
                    .ifPresent(r -> pending.put(r.id(), new Pending(r.owner(), deadline(r.createdAt()))));
        }
        int owed = webhooks.recover();
        LOG.infof("%d unfinished talks under watch, %d webhook deliveries resumed", pending.size(), owed);
    }

    /** Creates the record; a redelivered request finds it and changes nothing. */
    public void requested(TalkRequested event) {
        String talkId = event.talkId();
        synchronized (stripe(talkId)) {
            String key = ObjectKeys.record(event.owner(), talkId);
            if (store.find(key).isEmpty()) {
                Instant createdAt = event.createdAt() == null ? now() : millis(event.createdAt());
                store.putJson(key, TalkRecord.created(talkId, event.owner(), event.spec(), createdAt));
                pending.put(talkId, new Pending(event.owner(), deadline(createdAt)));
            }
            CompletableFuture<Void> waiting = awaitingRecord.remove(talkId);
            if (waiting != null) {
                waiting.complete(null);
            }
        }
        // Not announced: the gateway that accepted the talk holds it already, and every later write is.
    }

    public void progress(StageProgress event) {
        if (event.phase() == StageProgress.Phase.STARTED) {
            update(event.owner(), event.talkId(),
                    r -> r.status() == TalkStatus.CREATED ? r.started(millis(event.at())) : null);
        }
    }

    public void completed(TalkCompleted event) {
        update(event.owner(), event.talkId(), r -> r.status().isFinal() ? null
                : r.done(now(), event.resultKey(), event.audioKey(), event.duration(), event.metadata(),
                        event.face()));
    }

    public void failed(TalkFailed event) {
        fail(event.owner(), event.talkId(), event.kind(), event.description());
    }

    public void fail(String owner, String talkId, ErrorKind kind, String description) {
        update(owner, talkId, r -> r.status().isFinal() ? null : r.failed(now(), kind, description));
    }

    @Scheduled(every = "${opentalks.notifier.sweep-interval}", delayed = "${opentalks.notifier.sweep-interval}")
    void sweep() {
        Instant now = clock.instant();
        pending.forEach((talkId, p) -> {
            if (now.isAfter(p.deadline())) {
                fail(p.owner(), talkId, ErrorKind.UnknownError,
                        "The talk did not finish within " + describe(config.talkTimeout()) + ".");
            }
        });
    }

    private void update(String owner, String talkId, UnaryOperator<TalkRecord> change) {
        Optional<TalkRecord> changed = Optional.empty();
        CompletableFuture<Void> created = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            synchronized (stripe(talkId)) {
                String key = ObjectKeys.record(owner, talkId);
                Optional<byte[]> current = store.find(key);
                if (current.isPresent()) {
                    TalkRecord record = Json.read(current.get(), TalkRecord.class);
                    changed = Optional.ofNullable(change.apply(record));
                    changed.ifPresent(next -> {
                        if (next.status().isFinal()) {
                            // Owed before the final record exists: a crash between the two loses no webhook.
                            webhooks.owe(next);
                        }
                        store.putJson(key, next);
                    });
                    if (record.status().isFinal()) {
                        pending.remove(talkId);
                    }
                    break;
                }
                if (attempt == 0) {
                    // Registered under the lock that requested() takes, so its signal cannot be missed.
                    created = awaitingRecord.computeIfAbsent(talkId, id -> new CompletableFuture<>());
                }
            }
            if (attempt == 0 && !awaitCreation(created)) {
                awaitingRecord.remove(talkId, created);
                LOG.warnf("no record for talk %s of %s after %s; event ignored", talkId, owner,
                        config.recordWait());
                return;
            }
        }
        changed.ifPresent(next -> {
            LOG.infof("talk %s is %s", talkId, next.status().wire());
            announce(next);
            if (next.status().isFinal()) {
                pending.remove(talkId);
                webhooks.dispatch(next);
            }
        });
    }

    private boolean awaitCreation(CompletableFuture<Void> created) {
        try {
            created.get(config.recordWait().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Best effort: gateways also re-read records that are not final, so a lost announcement only delays them. */
    private void announce(TalkRecord record) {
        status.send(Record.of(record.id(), new RecordChanged(record.id(), record.owner(), record)))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.warnf("talks.status for %s not sent: %s", record.id(), error.getMessage());
                    }
                });
    }

    /** Whether the talk is watched for its deadline (not final as far as this notifier knows). */
    boolean watching(String talkId) {
        return pending.containsKey(talkId);
    }

    /** Whether an event for the talk is waiting for its record to be created. */
    boolean awaitingRecord(String talkId) {
        return awaitingRecord.containsKey(talkId);
    }

    private Object stripe(String talkId) {
        return stripes[Math.floorMod(talkId.hashCode(), STRIPES)];
    }

    private static String describe(Duration timeout) {
        long seconds = timeout.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " seconds";
    }

    private Instant deadline(Instant from) {
        return from.plus(config.talkTimeout());
    }

    private Instant now() {
        return millis(clock.instant());
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
