package org.opentalks.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.Sha256;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.store.ObjectStore;

/**
 * {@code Idempotency-Key} on POST /talks (beyond D-ID): a repeated key returns the first talk
 * instead of creating another. Concurrent requests with one key wait for the first; the mapping is
 * kept in memory and in the store ({@code idempotency/{owner}/{sha256(key)}.json}), so it survives a
 * restart and is shared by replicas, for {@code idempotency-window}.
 */
@ApplicationScoped
public class IdempotencyKeys {
    /** What a key maps to. */
    public record Claim(String talkId, Instant createdAt) {
    }

    private final Cache<String, CompletableFuture<Claim>> claims;
    private final ObjectStore store;
    private final ApiConfig config;
    private final Clock clock;

    IdempotencyKeys(ObjectStore store, ApiConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        // The in-memory claims expire by the same clock as the stored ones.
        this.claims = Caffeine.newBuilder().expireAfterWrite(config.idempotencyWindow()).maximumSize(100_000)
                .ticker(() -> {
                    Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .build();
    }

    /**
     * The talk already created under {@code key}, or the one {@code create} creates now. The flag
     * says which: true when the answer is a replay of an earlier request.
     */
    public Replay claim(String owner, String key, Supplier<Claim> create) {
        String objectKey = ObjectKeys.idempotency(owner, Sha256.hex(key));
        CompletableFuture<Claim> mine = new CompletableFuture<>();
        CompletableFuture<Claim> first = claims.asMap().putIfAbsent(objectKey, mine);
        if (first != null) {
            try {
                return new Replay(first.join(), true);
            } catch (CompletionException failed) {
                claims.asMap().remove(objectKey, first);
                return claim(owner, key, create);
            }
        }
        try {
            Optional<Claim> stored = store.find(objectKey).map(b -> org.opentalks.contract.json.Json.read(b,
                    Claim.class)).filter(c -> c.createdAt().plus(config.idempotencyWindow()).isAfter(clock.instant()));
            if (stored.isPresent()) {
                mine.complete(stored.get());
                return new Replay(stored.get(), true);
            }
            Claim claim = create.get();
            store.putJson(objectKey, claim);
            mine.complete(claim);
            return new Replay(claim, false);
        } catch (RuntimeException e) {
            claims.asMap().remove(objectKey, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** A claim and whether it was made by an earlier request. */
    public record Replay(Claim claim, boolean replayed) {
    }
}
