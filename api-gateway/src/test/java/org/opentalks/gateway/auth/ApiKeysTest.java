package org.opentalks.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentalks.gateway.config.ApiConfig;

class ApiKeysTest {
    private final ApiKeys keys = new ApiKeys(config("alice:alice-secret", "bob:bob-secret"));

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
    void bearerKeyNamesTheOwner() {
        assertEquals(Optional.of("alice"), keys.owner("Bearer alice:alice-secret"));
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
    void configuredKeysWithoutOwnerOrSecretAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ApiKeys(config("no-colon")));
        assertThrows(IllegalArgumentException.class, () -> new ApiKeys(config(":secret")));
        assertThrows(IllegalArgumentException.class, () -> new ApiKeys(config("owner:")));
    }

    private static ApiConfig config(String... keys) {
        return new ApiConfig() {
            @Override
            public List<String> keys() {
                return List.of(keys);
            }

            @Override
            public Duration urlValidity() {
                return Duration.ofHours(24);
            }

            @Override
            public long maxImageBytes() {
                return 10 * 1024 * 1024;
            }
        };
    }
}
