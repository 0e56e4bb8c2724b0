package org.opentalks.service.testing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A service's clock in its tests: the system's, moved on by {@link #advance} instead of waiting real
 * time (a talk's timeout, a rate limit's Retry-After, an idempotency window). It replaces the
 * production clock ({@code ClockProducer}, a default bean) in every service that takes this module
 * for its tests. Tests that advance it put it back ({@link #reset}) when they are done.
 */
@Singleton
public class AdjustableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration by) {
        offset.updateAndGet(d -> d.plus(by));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the tests' clock keeps UTC");
    }
}
