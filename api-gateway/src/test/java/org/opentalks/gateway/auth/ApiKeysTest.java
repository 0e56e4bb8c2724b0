package org.opentalks.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final ApiKeys keys = new ApiKeys(Map.of(
            "alice", List.of(ApiKeys.hash("alice:alice-secret")),
            "bob", List.of(ApiKeys.hash("bob:bob-secret"))));

    @Test
    void rawBasicKeyAsDidDocumentsItNamesItsOwner() {
        assertEquals(Optional.of("alice"), keys.owner("Basic alice:alice-secret"));
        assertEquals(Optional.of("bob"), keys.owner("Basic bob:bob-secret"));
    }

    @Test
    void base64BasicCredentialsAsRfc7617SaysNameTheOwner() {
        String encoded = Base64.getEncoder().encodeToString("bob:bob-secret".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of("bob"), keys.owner("Basic " + encoded));
    }

    @Test
    void theWholeKeyAsUserNameWithAnEmptyPasswordNamesTheOwner() {
        // requests' HTTPBasicAuth(key, "") and curl -u key: send base64(owner:secret:)
        String encoded = Base64.getEncoder().encodeToString("bob:bob-secret:".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of("bob"), keys.owner("Basic " + encoded));
        String twice = Base64.getEncoder().encodeToString("bob:bob-secret::".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), keys.owner("Basic " + twice));
    }

    @Test
    void bearerKeyNamesTheOwner() {
        assertEquals(Optional.of("alice"), keys.owner("Bearer alice:alice-secret"));
        String encoded = Base64.getEncoder().encodeToString("alice:alice-secret".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), keys.owner("Bearer " + encoded), "a bearer token is the key as it is");
    }

    @Test
    void schemeIsCaseInsensitiveAndSurroundingBlanksAreIgnored() {
        assertEquals(Optional.of("alice"), keys.owner("  basic   alice:alice-secret  "));
        assertEquals(Optional.of("alice"), keys.owner("BEARER alice:alice-secret"));
    }

    @Test
    void wrongSecretOrAnotherOwnersSecretIsRejected() {
        assertEquals(Optional.empty(), keys.owner("Basic alice:wrong"));
        assertEquals(Optional.empty(), keys.owner("Basic alice:bob-secret"));
        assertEquals(Optional.empty(), keys.owner("Basic alice:alice-secret-and-more"));
        String encoded = Base64.getEncoder().encodeToString("alice:wrong".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), keys.owner("Basic " + encoded));
    }

    @Test
    void otherSchemesAreRejectedEvenWithAValidKey() {
        assertEquals(Optional.empty(), keys.owner("Digest alice:alice-secret"));
        assertEquals(Optional.empty(), keys.owner("Token alice:alice-secret"));
    }

    @Test
    void malformedBase64IsRejectedNotAnError() {
        assertEquals(Optional.empty(), keys.owner("Basic %%%not-base64%%%"));
        // A single base64 character cannot encode a byte.
        assertEquals(Optional.empty(), keys.owner("Basic Y"));
    }

    @Test
    void missingOrEmptyHeaderIsRejected() {
        assertEquals(Optional.empty(), keys.owner(null));
        assertEquals(Optional.empty(), keys.owner(""));
        assertEquals(Optional.empty(), keys.owner("Basic"));
        assertEquals(Optional.empty(), keys.owner("alice:alice-secret"));
    }

    @Test
    void keysAreConfiguredOnlyAsSha256Hashes() {
        assertEquals("sha256:73d6dfe7807451740915fd18cd46e0bc9d82091c7db8530b99cf4ed8ef387c34",
                ApiKeys.hash("local:change-me"), "the hash sha256sum prints for the key");
        assertThrows(IllegalArgumentException.class, () -> new ApiKeys(Map.of("alice", List.of("alice:secret"))));
        assertThrows(IllegalArgumentException.class, () -> new ApiKeys(Map.of("alice", List.of("sha256:abc"))));
        assertEquals(Optional.empty(), keys.owner("Basic " + ApiKeys.hash("alice:alice-secret")),
                "the stored hash is not itself a key");
    }
}
