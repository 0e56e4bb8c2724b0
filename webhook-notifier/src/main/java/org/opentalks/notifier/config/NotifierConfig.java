package org.opentalks.notifier.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** {@code opentalks.notifier.*}. */
@ConfigMapping(prefix = "opentalks.notifier")
public interface NotifierConfig {
    /** How long presigned media URLs in webhook bodies stay valid. */
    Duration urlValidity();

    Duration webhookTimeout();

    /** Webhook deliveries tried before giving up (on connection errors and 5xx answers). */
    int webhookAttempts();

    /** A talk not finished this long after it was requested ends in {@code error}. */
    Duration talkTimeout();

    /** How often unfinished talks are checked against {@link #talkTimeout()}. */
    Duration sweepInterval();
}
