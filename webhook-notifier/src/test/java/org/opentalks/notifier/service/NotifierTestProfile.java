package org.opentalks.notifier.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A talk timeout that tests pass by moving the clock ({@link AdjustableClock}), webhook back-offs of tens of
 * milliseconds, and signing secrets: a default one and Bob's own.
 */
public class NotifierTestProfile implements QuarkusTestProfile {
    static final long TALK_TIMEOUT_MINUTES = 10;
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String BOBS_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    /** The first retry's wait; each later one doubles, up to {@link #MAX_BACKOFF_MS}. */
    static final long INITIAL_BACKOFF_MS = 40;
    static final long MAX_BACKOFF_MS = 400;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "opentalks.notifier.talk-timeout", TALK_TIMEOUT_MINUTES + "m",
                "opentalks.notifier.sweep-interval", "1s",
                "opentalks.notifier.webhook-timeout", "5s",
                "opentalks.notifier.webhook-initial-backoff", INITIAL_BACKOFF_MS + "ms",
                "opentalks.notifier.webhook-max-backoff", MAX_BACKOFF_MS + "ms",
                "opentalks.notifier.webhook-secret", SECRET,
                "opentalks.notifier.webhook-owner-secrets", "bob=" + BOBS_SECRET,
                "opentalks.fetch.allow-http-hosts", "127.0.0.1");
    }
}
