package org.opentalks.notifier.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.event.TalkFailed;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.json.Json;
import org.opentalks.notifier.config.NotifierConfig;
import org.opentalks.notifier.webhook.WebhookDeliveries;
import org.opentalks.store.ObjectStore;

/**
 * The only writer of the records of its talks: those of the partitions this notifier owns
 * ({@link #adopt}), every event of a talk arriving on its partition. Creates records from
 * {@code talks.requested}, then advances them created → started → done | error; final states never
 * change. Updates to one talk are serialised, since its events arrive on several topics at once; an
 * event that overtakes its talk's request is applied once the record exists (waiting at most
 * {@code record-wait}, without holding a thread). Every change after creation is announced on
 * {@code talks.status} ({@link StatusAnnouncer}), with the writer's id. Talks not finished
 * within the timeout are ended with an error, so no talk stays {@code started} forever.
 *
 * <p>What a notifier must know to take over a partition is kept per partition: a marker
 * {@code inflight/{p}/{talkId}} from a talk's creation to its final state (so taking over reads the
 * talks in flight, not every record ever stored), and the webhooks still owed ({@link WebhookDeliveries}).
 */
@ApplicationScoped
public class TalkLifecycle {
    private static final Logger LOG = Logger.getLogger(TalkLifecycle.class);
    private static final int STRIPES = 64;

    private final ObjectStore store;
    private final WebhookDeliveries webhooks;
    private final NotifierConfig config;
    private final Clock clock;
    private final StatusAnnouncer status;
    private final Object[] stripes = new Object[STRIPES];
    /** Talks not yet final, of the owned partitions: talk id → owner, deadline, partition. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** Events waiting for their talk's record to be created: talk id → completed on creation. */
    private final Map<String, CompletableFuture<Void>> awaitingRecord = new ConcurrentHashMap<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Applies the events that waited for their record, off the thread that created it. */
    private final ExecutorService late = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "late-events");
        thread.setDaemon(true);
        return thread;
    });

    private record Pending(String owner, Instant deadline, int partition) {
    }

    TalkLifecycle(ObjectStore store, WebhookDeliveries webhooks, NotifierConfig config, Clock clock,
                  StatusAnnouncer status) {
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
     * Takes over {@code partitions}: the unfinished talks recorded for them are watched for their
     * deadline again, and their owed webhooks resumed.
     */
    public void adopt(Set<Integer> partitions) {
        int watched = 0;
        int owed = 0;
        for (int partition : partitions) {
            if (!owned.add(partition)) {
                continue;
            }
            String prefix = ObjectKeys.inflightPrefix(partition);
            for (String marker : store.list(prefix)) {
                String talkId = marker.substring(prefix.length());
                Optional<TalkRecord> record = store.find(marker)
                        .map(owner -> new String(owner, StandardCharsets.UTF_8))
                        .flatMap(owner -> store.find(ObjectKeys.record(owner, talkId)))
                        .map(bytes -> Json.read(bytes, TalkRecord.class));
                if (record.isPresent() && !record.get().status().isFinal()) {
                    pending.put(talkId, new Pending(record.get().owner(), deadline(record.get().createdAt()), partition));
                    watched++;
                } else {
                    store.delete(marker);
                }
            }
            owed += webhooks.recover(partition);
        }
        LOG.infof("partitions %s adopted: %d unfinished talks under watch, %d webhook deliveries resumed", partitions,
                watched, owed);
    }

    /** Lets {@code partitions} go to the replica that gets them next. */
    public void release(Set<Integer> partitions) {
        owned.removeAll(partitions);
        pending.values().removeIf(p -> partitions.contains(p.partition()));
        webhooks.release(partitions);
        if (!partitions.isEmpty()) {
            LOG.infof("partitions %s released", partitions);
        }
    }

    /** Creates the record; a redelivered request finds it and changes nothing. */
    public void requested(TalkRequested event, int partition) {
        String talkId = event.talkId();
        synchronized (stripe(talkId)) {
            String key = ObjectKeys.record(event.owner(), talkId);
            if (store.find(key).isEmpty()) {
                Instant createdAt = event.createdAt() == null ? now() : millis(event.createdAt());
                store.putJson(key, TalkRecord.created(talkId, event.owner(), event.spec(), createdAt));
                store.put(ObjectKeys.inflight(partition, talkId), event.owner().getBytes(StandardCharsets.UTF_8),
                        "text/plain");
                pending.put(talkId, new Pending(event.owner(), deadline(createdAt), partition));
            }
            CompletableFuture<Void> waiting = awaitingRecord.remove(talkId);
            if (waiting != null) {
                waiting.complete(null);
            }
        }
        // Not announced: the gateway that accepted the talk holds it already, and every later write is.
    }

    public CompletionStage<Void> progress(StageProgress event, int partition) {
        if (event.phase() != StageProgress.Phase.STARTED) {
            return CompletableFuture.completedFuture(null);
        }
        return update(event.owner(), event.talkId(), partition,
                r -> r.status() == TalkStatus.CREATED ? r.started(millis(event.at())) : null);
    }

    public CompletionStage<Void> completed(TalkCompleted event, int partition) {
        return update(event.owner(), event.talkId(), partition, r -> r.status().isFinal() ? null
                : r.done(now(), event.resultKey(), event.audioKey(), event.duration(), event.metadata(),
                        event.face()));
    }

    public CompletionStage<Void> failed(TalkFailed event, int partition) {
        return fail(event.owner(), event.talkId(), partition, event.kind(), event.description());
    }

    public CompletionStage<Void> fail(String owner, String talkId, int partition, ErrorKind kind, String description) {
        return update(owner, talkId, partition, r -> r.status().isFinal() ? null : r.failed(now(), kind, description));
    }

    /** Ends the owned talks that are past their deadline. */
    @Scheduled(every = "${opentalks.notifier.sweep-interval}", delayed = "${opentalks.notifier.sweep-interval}")
    void sweep() {
        Instant now = clock.instant();
        pending.forEach((talkId, p) -> {
            if (now.isAfter(p.deadline())) {
                fail(p.owner(), talkId, p.partition(), ErrorKind.UnknownError,
                        "The talk did not finish within " + describe(config.talkTimeout()) + ".");
            }
        });
    }

    /** Applies {@code change} now, or once the talk's record exists; completes when it is written (or given up). */
    private CompletionStage<Void> update(String owner, String talkId, int partition, UnaryOperator<TalkRecord> change) {
        CompletableFuture<Void> created;
        synchronized (stripe(talkId)) {
            if (apply(owner, talkId, partition, change)) {
                return CompletableFuture.completedFuture(null);
            }
            // Registered under the lock that requested() takes, so its signal cannot be missed.
            created = awaitingRecord.computeIfAbsent(talkId, id -> new CompletableFuture<>());
        }
        return created.orTimeout(config.recordWait().toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((ok, error) -> {
                    if (error != null) {
                        awaitingRecord.remove(talkId, created);
                        if (!(error instanceof TimeoutException)) {
                            throw new IllegalStateException(error);
                        }
                        LOG.warnf("no record for talk %s of %s after %s; event ignored", talkId, owner,
                                config.recordWait());
                    } else {
                        synchronized (stripe(talkId)) {
                            apply(owner, talkId, partition, change);
                        }
                    }
                    return null;
                }, late);
    }

    /** Applies {@code change} to the stored record, under the talk's lock; false when there is no record yet. */
    private boolean apply(String owner, String talkId, int partition, UnaryOperator<TalkRecord> change) {
        String key = ObjectKeys.record(owner, talkId);
        Optional<byte[]> current = store.find(key);
        if (current.isEmpty()) {
            return false;
        }
        TalkRecord record = Json.read(current.get(), TalkRecord.class);
        TalkRecord next = change.apply(record);
        if (next == null) {
            return true;
        }
        if (next.status().isFinal()) {
            // Owed before the final record exists: a crash between the two loses no webhook.
            webhooks.owe(next, partition);
        }
        store.putJson(key, next);
        LOG.infof("talk %s is %s", talkId, next.status().wire());
        status.announce(next);
        if (next.status().isFinal()) {
            pending.remove(talkId);
            store.delete(ObjectKeys.inflight(partition, talkId));
            webhooks.dispatch(next, partition);
        }
        return true;
    }

    /** Whether the talk is watched for its deadline (not final as far as this notifier knows). */
    boolean watching(String talkId) {
        return pending.containsKey(talkId);
    }

    /** Whether an event for the talk is waiting for its record to be created. */
    boolean awaitingRecord(String talkId) {
        return awaitingRecord.containsKey(talkId);
    }

    /** The partitions this notifier owns. */
    public Set<Integer> owned() {
        return Set.copyOf(owned);
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
