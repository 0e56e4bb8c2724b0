package org.opentalks.gateway.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import org.opentalks.gateway.auth.ApiKeys;

/**
 * Owners with different accounts: alice and bob are unlimited (and must never see each other's
 * talks), carol has 2 credits, dave may make 2 requests per second, erin may not stitch, frank has
 * 1 credit, grace is unlimited and used only by the listing test (so her talks are known exactly),
 * heidi has 5 credits and is used only by the credit ledger's timestamps test.
 */
public class GatewayTestProfile implements QuarkusTestProfile {
    static final String ALICE = "Basic alice:alice-secret";
    static final String BOB = "Basic bob:bob-secret";
    static final String CAROL = "Basic carol:carol-secret";
    static final String DAVE = "Basic dave:dave-secret";
    static final String ERIN = "Basic erin:erin-secret";
    static final String FRANK = "Basic frank:frank-secret";
    static final String GRACE = "Basic grace:grace-secret";
    static final String HEIDI = "Basic heidi:heidi-secret";
    /** The public base URL of signed media links, as clients would reach the gateway. */
    static final String MEDIA_BASE_URL = "https://talks.example.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("opentalks.api.owners.alice.keys", ApiKeys.hash("alice:alice-secret")),
                Map.entry("opentalks.api.owners.bob.keys", ApiKeys.hash("bob:bob-secret")),
                Map.entry("opentalks.api.owners.carol.keys", ApiKeys.hash("carol:carol-secret")),
                Map.entry("opentalks.api.owners.carol.credits", "2"),
                Map.entry("opentalks.api.owners.dave.keys", ApiKeys.hash("dave:dave-secret")),
                Map.entry("opentalks.api.owners.dave.rate-limit", "2"),
                Map.entry("opentalks.api.owners.erin.keys", ApiKeys.hash("erin:erin-secret")),
                Map.entry("opentalks.api.owners.erin.features", "subtitles,logo,persist"),
                Map.entry("opentalks.api.owners.frank.keys", ApiKeys.hash("frank:frank-secret")),
                Map.entry("opentalks.api.owners.frank.credits", "1"),
                Map.entry("opentalks.api.owners.grace.keys", ApiKeys.hash("grace:grace-secret")),
                Map.entry("opentalks.api.owners.heidi.keys", ApiKeys.hash("heidi:heidi-secret")),
                Map.entry("opentalks.api.owners.heidi.credits", "5"),
                Map.entry("opentalks.media.base-url", MEDIA_BASE_URL),
                Map.entry("opentalks.fetch.allow-http-hosts", "127.0.0.1"));
    }
}
