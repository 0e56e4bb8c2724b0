package org.opentalks.gateway.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Two owners, so that tests can check that one key never sees the other's talks. */
public class GatewayTestProfile implements QuarkusTestProfile {
    static final String ALICE = "Basic alice:alice-secret";
    static final String BOB = "Basic bob:bob-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("opentalks.api.keys", "alice:alice-secret,bob:bob-secret");
    }
}
