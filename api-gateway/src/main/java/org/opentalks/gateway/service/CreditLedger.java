package org.opentalks.gateway.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.document.CreditGrant;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.json.Json;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.store.ObjectStore;

/**
 * Credits: every configured owner has a grant ({@code ledger/{owner}.json}, written when the gateway
 * first sees the account and when its quota changes). Owners with a quota spend one credit per
 * talk, taken when the talk is accepted and given back when it ends in {@code error} or
 * {@code rejected}, as D-ID refunds errors. The count is rebuilt from the stored records at start-up
 * and then follows {@code talks.status}, which every gateway replica reads, so replicas converge on
 * the same count within milliseconds. Unmetered owners are not counted: nothing is deducted from them.
 */
@ApplicationScoped
public class CreditLedger {
    private static final Logger LOG = Logger.getLogger(CreditLedger.class);

    /** Credits in use per metered owner: accepted talks not ended in error. */
    private final Map<String, AtomicLong> used = new ConcurrentHashMap<>();
    /** When each metered owner's credits last moved (a talk charged or refunded). */
    private final Map<String, AtomicReference<Instant>> moved = new ConcurrentHashMap<>();
    private final Map<String, CreditGrant> grants = new ConcurrentHashMap<>();
    /** Talks charged and talks refunded, so an announcement seen twice changes nothing the second time. */
    private final Set<String> charged = ConcurrentHashMap.newKeySet();
    private final Set<String> refunded = ConcurrentHashMap.newKeySet();
    private final ApiConfig config;
    private final ObjectStore store;
    private final Clock clock;

    CreditLedger(ApiConfig config, ObjectStore store, Clock clock) {
        this.config = config;
        this.store = store;
        this.clock = clock;
    }

    void rebuild(@Observes StartupEvent startup) {
        config.owners().forEach((owner, account) -> {
            grants.put(owner, grant(owner, account.credits()));
            if (account.credits().isPresent()) {
                // Deleted talks keep their tombstones, so deleting a talk does not give its credit back.
                AtomicReference<Instant> last = new AtomicReference<>();
                long count = Stream.concat(store.list(ObjectKeys.recordPrefix(owner)).stream(),
                                store.list(ObjectKeys.deletedPrefix(owner)).stream())
                        .map(key -> store.find(key).map(b -> Json.read(b, TalkRecord.class)).orElse(null))
                        .filter(Objects::nonNull)
                        .peek(r -> last.accumulateAndGet(refunded(r.status()) ? r.modifiedAt() : r.createdAt(),
                                CreditLedger::later))
                        .filter(r -> !refunded(r.status()) && charged.add(r.id()))
                        .count();
                used.put(owner, new AtomicLong(count));
                moved.put(owner, last);
                LOG.infof("%s has used %d of %d credits", owner, count, account.credits().getAsLong());
            }
        });
    }

    /** The stored grant, recorded now if the owner is new or its quota changed. */
    private CreditGrant grant(String owner, OptionalLong credits) {
        Long total = credits.isPresent() ? credits.getAsLong() : null;
        Optional<CreditGrant> stored = store.find(ObjectKeys.ledger(owner)).map(b -> Json.read(b, CreditGrant.class));
        if (stored.isPresent() && Objects.equals(stored.get().total(), total)) {
            return stored.get();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CreditGrant grant = new CreditGrant(owner, total, stored.map(CreditGrant::created).orElse(now), now);
        store.putJson(ObjectKeys.ledger(owner), grant);
        return grant;
    }

    /** An owner's grant and what is left of it. */
    public record Balance(CreditGrant grant, OptionalLong remaining, Instant modified) {
    }

    /** The owner's grant and balance; empty for an owner that is not configured. */
    public Optional<Balance> balance(String owner) {
        CreditGrant grant = grants.get(owner);
        if (grant == null) {
            return Optional.empty();
        }
        if (grant.total() == null) {
            return Optional.of(new Balance(grant, OptionalLong.empty(), grant.modified()));
        }
        Instant last = moved.getOrDefault(owner, new AtomicReference<>()).get();
        return Optional.of(new Balance(grant, OptionalLong.of(Math.max(0, grant.total() - used(owner))),
                later(grant.modified(), last)));
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

    /** Takes a credit for a new talk created {@code at}, or answers D-ID's 402 InsufficientCreditsError. */
    public void reserve(String owner, String talkId, Instant at) {
        OptionalLong total = total(owner);
        if (total.isEmpty()) {
            return;
        }
        AtomicLong count = used.computeIfAbsent(owner, o -> new AtomicLong());
        if (count.incrementAndGet() > total.getAsLong()) {
            count.decrementAndGet();
            throw new DomainException(ErrorKind.InsufficientCreditsError, "not enough credits");
        }
        charged.add(talkId);
        movedAt(owner, at);
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
            movedAt(record.owner(), record.createdAt());
        }
        if (refunded(record.status()) && refunded.add(record.id())) {
            count.decrementAndGet();
            movedAt(record.owner(), record.modifiedAt());
        }
    }

    private void movedAt(String owner, Instant at) {
        moved.computeIfAbsent(owner, o -> new AtomicReference<>()).accumulateAndGet(
                at == null ? null : at.truncatedTo(ChronoUnit.MILLIS), CreditLedger::later);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static boolean refunded(TalkStatus status) {
        return status == TalkStatus.ERROR || status == TalkStatus.REJECTED;
    }
}
