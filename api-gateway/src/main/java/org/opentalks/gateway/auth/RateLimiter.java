package org.opentalks.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.opentalks.gateway.config.ApiConfig;

/**
 * A token bucket per owner: {@code rate-limit} requests per second, bursts up to the same number.
 * Kept per gateway replica, so with N replicas behind a balancer an owner gets up to N times the rate.
 * Time comes from the injected {@link Clock}.
 */
@ApplicationScoped
public class RateLimiter {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ApiConfig config;
    private final Clock clock;

    RateLimiter(ApiConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** 0 when the request may go ahead, otherwise the seconds to wait before the next one would. */
    public long secondsToWait(String owner) {
        ApiConfig.Owner account = config.owners().get(owner);
        OptionalDouble rate = account == null ? OptionalDouble.empty() : account.rateLimit();
        if (rate.isEmpty()) {
            return 0;
        }
        long now = nanos(clock.instant());
        return buckets.computeIfAbsent(owner, o -> new Bucket(rate.getAsDouble(), now)).take(now);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static final class Bucket {
        private final double perSecond;
        private double tokens;
        private long refilledAt;

        Bucket(double perSecond, long now) {
            this.perSecond = perSecond;
            this.tokens = Math.max(1, perSecond);
            this.refilledAt = now;
        }

        synchronized long take(long now) {
            // A clock set back (NTP) refills nothing rather than taking tokens away.
            tokens = Math.min(Math.max(1, perSecond), tokens + Math.max(0, now - refilledAt) / 1e9 * perSecond);
            refilledAt = Math.max(refilledAt, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond);
        }
    }
}
