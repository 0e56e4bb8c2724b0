package org.opentalks.notifier.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code opentalks.notifier.*}. */
@ConfigMapping(prefix = "opentalks.notifier")
public interface NotifierConfig {
    Duration webhookTimeout();

    /** Webhook deliveries tried before giving up (on connection errors and 5xx answers). */
    int webhookAttempts();

    /** A talk not finished this long after it was requested ends in {@code error}. */
    Duration talkTimeout();

    /** How often unfinished talks are checked against {@link #talkTimeout()}. */
    Duration sweepInterval();

    /**
     * How long an event for a talk whose record does not exist yet waits for it: the record is
     * created from {@code talks.requested}, which may be read after a stage's first event.
     */
    @io.smallrye.config.WithDefault("60s")
    Duration recordWait();
}
