package org.opentalks.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.json.Json;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.store.ObjectStore;

/**
 * Talk records as GET /talks/{id} serves them, without a store read per request. Entries come from
 * this gateway's own creations, from {@code talks.status} (every record write) and from store reads.
 * A finished talk's record never changes, so it is served from memory until evicted; an unfinished
 * one is read again after {@code record-refresh}, so a lost announcement only delays an update.
 */
@ApplicationScoped
public class RecordCache {
    private record Entry(TalkRecord record, long readAt, boolean stored) {
    }

    private final Cache<String, Entry> entries;
    private final ObjectStore store;
    private final long refreshNanos;

    RecordCache(ObjectStore store, ApiConfig config) {
        this.store = store;
        this.entries = Caffeine.newBuilder().maximumSize(config.recordCacheSize()).build();
        this.refreshNanos = config.recordRefresh().toNanos();
    }

    /** A talk this gateway just accepted: the notifier stores its record moments later. */
    public void created(TalkRecord record) {
        entries.put(record.id(), new Entry(record, System.nanoTime(), false));
    }

    /** A record write announced on {@code talks.status}; an older state never replaces a newer one. */
    public void changed(String talkId, TalkRecord record) {
        if (record == null) {
            entries.invalidate(talkId);
            return;
        }
        entries.asMap().compute(talkId, (id, old) -> old != null && old.record().modifiedAt() != null
                && old.record().modifiedAt().isAfter(record.modifiedAt()) ? old
                : new Entry(record, System.nanoTime(), true));
    }

    public void forget(String talkId) {
        entries.invalidate(talkId);
    }

    /** The record if the cache holds a current one (any owner's): answered without reading the store. */
    public Optional<TalkRecord> fresh(String talkId) {
        Entry entry = entries.getIfPresent(talkId);
        return entry != null && (entry.record().status().isFinal()
                || System.nanoTime() - entry.readAt() < refreshNanos) ? Optional.of(entry.record()) : Optional.empty();
    }

    /** The owner's record of {@code talkId}; another owner's talk is as absent as a missing one. */
    public Optional<TalkRecord> find(String owner, String talkId) {
        Entry entry = entries.getIfPresent(talkId);
        if (entry != null && (entry.record().status().isFinal()
                || System.nanoTime() - entry.readAt() < refreshNanos)) {
            return owned(entry.record(), owner);
        }
        Optional<TalkRecord> stored = store.find(ObjectKeys.record(owner, talkId))
                .map(bytes -> Json.read(bytes, TalkRecord.class));
        if (stored.isPresent()) {
            changed(talkId, stored.get());
            return stored;
        }
        if (entry != null && !entry.stored()) {
            // Accepted here but not yet written by the notifier (it is catching up): still the talk.
            return owned(entry.record(), owner);
        }
        return Optional.empty();
    }

    private static Optional<TalkRecord> owned(TalkRecord record, String owner) {
        return record.owner().equals(owner) ? Optional.of(record) : Optional.empty();
    }
}
