package org.opentalks.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code opentalks.notifier.*}. */
@ConfigMapping(prefix = "opentalks.notifier")
public interface NotifierConfig {
    /** The most one webhook attempt may take, from connecting to the answer's last byte. */
    Duration webhookTimeout();

    /** The wait before the first retry of a webhook; each later one doubles it. */
    @WithDefault("5s")
    Duration webhookInitialBackoff();

    /** The longest wait between two attempts (a receiver's {@code Retry-After} is capped by it too). */
    @WithDefault("1h")
    Duration webhookMaxBackoff();

    /** No webhook attempt is made later than this after the first one. */
    @WithDefault("24h")
    Duration webhookRetryFor();

    /**
     * The Standard Webhooks secret that signs every owner's webhooks unless the owner has its own
     * ({@code whsec_} and base64, as the specification writes them, or any string). Required in production.
     */
    Optional<String> webhookSecret();

    /** Owners' own secrets, {@code owner=secret} entries. */
    Optional<List<String>> webhookOwnerSecrets();

    /** A talk not finished this long after it was requested ends in {@code error}. */
    Duration talkTimeout();

    /** How often unfinished talks are checked against {@link #talkTimeout()}. */
    Duration sweepInterval();

    /**
     * How long an event for a talk whose record does not exist yet waits for it: the record is
     * created from {@code talks.requested}, which may be read after a stage's first event.
     */
    @WithDefault("60s")
    Duration recordWait();

    /**
     * This replica's name, sent with every record write on {@code talks.status}
     * ({@code opentalks-writer}); the host name (in Kubernetes, the pod's) unless set.
     */
    @WithDefault("${HOSTNAME:webhook-notifier}")
    String replicaId();
}
