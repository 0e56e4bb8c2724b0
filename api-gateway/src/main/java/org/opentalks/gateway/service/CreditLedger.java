package org.opentalks.gateway.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.json.Json;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.gateway.rest.ApiException;

/**
 * Credits of the owners that have a quota: one per talk, taken when the talk is accepted and given
 * back when it ends in {@code error} or {@code rejected}, as D-ID refunds errors. The count is
 * rebuilt from the stored records at start-up and then follows {@code talks.status}, which every
 * gateway replica reads, so replicas converge on the same count within milliseconds.
 */
@ApplicationScoped
public class CreditLedger {
    private static final Logger LOG = Logger.getLogger(CreditLedger.class);

    /** Credits in use per owner: accepted talks not ended in error. */
    private final Map<String, AtomicLong> used = new ConcurrentHashMap<>();
    /** Talks charged and talks refunded, so an announcement seen twice changes nothing the second time. */
    private final Set<String> charged = ConcurrentHashMap.newKeySet();
    private final Set<String> refunded = ConcurrentHashMap.newKeySet();
    private final ApiConfig config;
    private final ObjectStore store;
    private final Instant since = Instant.now();

    CreditLedger(ApiConfig config, ObjectStore store) {
        this.config = config;
        this.store = store;
    }

    void rebuild(@Observes StartupEvent startup) {
        config.owners().forEach((owner, account) -> {
            if (account.credits().isPresent()) {
                // Deleted talks keep their tombstones, so deleting a talk does not give its credit back.
                long count = java.util.stream.Stream.concat(
                                store.list(ObjectKeys.recordPrefix(owner)).stream(),
                                store.list(TalkService.tombstonePrefix(owner)).stream())
                        .map(key -> store.find(key).map(b -> Json.read(b, TalkRecord.class)).orElse(null))
                        .filter(r -> r != null && !refunded(r.status()) && charged.add(r.id()))
                        .count();
                used.put(owner, new AtomicLong(count));
                LOG.infof("%s has used %d of %d credits", owner, count, account.credits().getAsLong());
            }
        });
    }

    /** The owner's quota, if any. */
    public OptionalLong total(String owner) {
        ApiConfig.Owner account = config.owners().get(owner);
        return account == null ? OptionalLong.empty() : account.credits();
    }

    public long used(String owner) {
        AtomicLong count = used.get(owner);
        return count == null ? 0 : count.get();
    }

    public Instant since() {
        return since;
    }

    /** Takes a credit for a new talk, or answers D-ID's 402 InsufficientCreditsError. */
    public void reserve(String owner, String talkId) {
        OptionalLong total = total(owner);
        if (total.isEmpty()) {
            return;
        }
        AtomicLong count = used.computeIfAbsent(owner, o -> new AtomicLong());
        if (count.incrementAndGet() > total.getAsLong()) {
            count.decrementAndGet();
            throw new ApiException(402, "InsufficientCreditsError", "not enough credits");
        }
        charged.add(talkId);
    }

    /** The talk was not accepted after all. */
    public void release(String owner, String talkId) {
        if (charged.remove(talkId)) {
            used.get(owner).decrementAndGet();
        }
    }

    /** A record write seen on {@code talks.status}. */
    public void changed(TalkRecord record) {
        AtomicLong count = total(record.owner()).isPresent()
                ? used.computeIfAbsent(record.owner(), o -> new AtomicLong()) : null;
        if (count == null) {
            return;
        }
        if (charged.add(record.id())) {
            count.incrementAndGet(); // accepted by another replica
        }
        if (refunded(record.status()) && refunded.add(record.id())) {
            count.decrementAndGet();
        }
    }

    private static boolean refunded(TalkStatus status) {
        return status == TalkStatus.ERROR || status == TalkStatus.REJECTED;
    }
}
