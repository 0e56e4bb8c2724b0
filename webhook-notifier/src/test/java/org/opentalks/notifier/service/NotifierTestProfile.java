package org.opentalks.notifier.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A talk timeout and sweep short enough for a test to watch a talk expire. */
public class NotifierTestProfile implements QuarkusTestProfile {
    static final String TALK_TIMEOUT_SECONDS = "3";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "opentalks.notifier.talk-timeout", TALK_TIMEOUT_SECONDS + "s",
                "opentalks.notifier.sweep-interval", "1s",
                "opentalks.notifier.webhook-timeout", "5s",
                "opentalks.fetch.allow-http-hosts", "127.0.0.1");
    }
}
