package org.opentalks.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.opentalks.gateway.config.ApiConfig;

/**
 * A token bucket per owner: {@code rate-limit} requests per second, bursts up to the same number.
 * Kept per gateway replica, so with N replicas behind a balancer an owner gets up to N times the rate.
 */
@ApplicationScoped
public class RateLimiter {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ApiConfig config;

    RateLimiter(ApiConfig config) {
        this.config = config;
    }

    /** 0 when the request may go ahead, otherwise the seconds to wait before the next one would. */
    public long secondsToWait(String owner) {
        ApiConfig.Owner account = config.owners().get(owner);
        OptionalDouble rate = account == null ? OptionalDouble.empty() : account.rateLimit();
        if (rate.isEmpty()) {
            return 0;
        }
        return buckets.computeIfAbsent(owner, o -> new Bucket(rate.getAsDouble())).take(System.nanoTime());
    }

    private static final class Bucket {
        private final double perSecond;
        private double tokens;
        private long refilledAt;

        Bucket(double perSecond) {
            this.perSecond = perSecond;
            this.tokens = Math.max(1, perSecond);
            this.refilledAt = System.nanoTime();
        }

        synchronized long take(long now) {
            tokens = Math.min(Math.max(1, perSecond), tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond);
        }
    }
}
