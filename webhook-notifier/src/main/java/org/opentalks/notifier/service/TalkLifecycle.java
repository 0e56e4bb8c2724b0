package org.opentalks.notifier.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.notifier.config.NotifierConfig;

/**
 * The only writer of talk records after the gateway creates them: created → started → done | error.
 * Final states never change. Updates to one talk are serialised, since its events arrive on several
 * topics at once. Talks that are not finished within the timeout are ended with an error, so no
 * talk stays {@code started} forever.
 */
@ApplicationScoped
public class TalkLifecycle {
    private static final Logger LOG = Logger.getLogger(TalkLifecycle.class);
    private static final int STRIPES = 64;

    private final ObjectStore store;
    private final WebhookSender webhooks;
    private final NotifierConfig config;
    private final Object[] stripes = new Object[STRIPES];
    /** Talks not yet final: talk id → owner and deadline. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(String owner, Instant deadline) {
    }

    TalkLifecycle(ObjectStore store, WebhookSender webhooks, NotifierConfig config) {
        this.store = store;
        this.webhooks = webhooks;
        this.config = config;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Picks up the unfinished talks of an earlier run, so their deadlines still hold. */
    void recoverPending(@Observes StartupEvent startup) {
        for (String key : store.list("records/")) {
            store.find(key).map(bytes -> Json.read(bytes, TalkRecord.class))
                    .filter(r -> !r.status().isFinal())
                    .ifPresent(r -> pending.put(r.id(), new Pending(r.owner(), deadline(r.createdAt()))));
        }
        LOG.infof("%d unfinished talks under watch", pending.size());
    }

    public void requested(TalkRequested event) {
        pending.putIfAbsent(event.talkId(), new Pending(event.owner(), deadline(Instant.now())));
    }

    public void progress(StageProgress event) {
        if (event.phase() == StageProgress.Phase.STARTED) {
            update(event.owner(), event.talkId(),
                    r -> r.status() == TalkStatus.CREATED ? r.started(millis(event.at())) : null);
        }
    }

    public void completed(TalkCompleted event) {
        update(event.owner(), event.talkId(), r -> r.status().isFinal() ? null
                : r.done(now(), event.resultKey(), event.audioKey(), event.duration(), event.metadata()));
    }

    public void failed(TalkFailed event) {
        fail(event.owner(), event.talkId(), event.kind(), event.description());
    }

    public void fail(String owner, String talkId, ErrorKind kind, String description) {
        update(owner, talkId, r -> r.status().isFinal() ? null : r.failed(now(), kind, description));
    }

    @Scheduled(every = "${opentalks.notifier.sweep-interval}", delayed = "${opentalks.notifier.sweep-interval}")
    void sweep() {
        Instant now = Instant.now();
        pending.forEach((talkId, p) -> {
            if (now.isAfter(p.deadline())) {
                fail(p.owner(), talkId, ErrorKind.UnknownError,
                        "The talk did not finish within " + describe(config.talkTimeout()) + ".");
            }
        });
    }

    private void update(String owner, String talkId, UnaryOperator<TalkRecord> change) {
        Optional<TalkRecord> changed;
        synchronized (stripes[Math.floorMod(talkId.hashCode(), STRIPES)]) {
            String key = ObjectKeys.record(owner, talkId);
            Optional<byte[]> current = store.find(key);
            if (current.isEmpty()) {
                LOG.warnf("no record for talk %s of %s; event ignored", talkId, owner);
                pending.remove(talkId);
                return;
            }
            TalkRecord record = Json.read(current.get(), TalkRecord.class);
            if (record.status().isFinal()) {
                // A late or redelivered talks.requested can put a finished talk back under watch.
                pending.remove(talkId);
            }
            changed = Optional.ofNullable(change.apply(record));
            changed.ifPresent(next -> store.putJson(key, next));
        }
        changed.ifPresent(next -> {
            LOG.infof("talk %s is %s", talkId, next.status().wire());
            if (next.status().isFinal()) {
                pending.remove(talkId);
                webhooks.deliver(next);
            }
        });
    }

    /** Whether the talk is watched for its deadline (not final as far as this notifier knows). */
    boolean watching(String talkId) {
        return pending.containsKey(talkId);
    }

    private static String describe(Duration timeout) {
        long seconds = timeout.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + " seconds";
    }

    private Instant deadline(Instant from) {
        return from.plus(config.talkTimeout());
    }

    private static Instant now() {
        return millis(Instant.now());
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
