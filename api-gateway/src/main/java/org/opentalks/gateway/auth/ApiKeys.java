package org.opentalks.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opentalks.gateway.config.ApiConfig;

/**
 * Resolves an {@code Authorization} header to the key's owner. D-ID clients send the key
 * ({@code user:password}) raw after {@code Basic} as D-ID's docs say, or base64-encoded as RFC 7617
 * says, or after {@code Bearer}; all three are accepted.
 */
@ApplicationScoped
public class ApiKeys {
    private final Map<String, String> ownerBySecretKey = new HashMap<>();

    ApiKeys(ApiConfig config) {
        for (String key : config.keys()) {
            int colon = key.indexOf(':');
            if (colon <= 0 || colon == key.length() - 1) {
                throw new IllegalArgumentException("opentalks.api.keys entries must be owner:secret");
            }
            ownerBySecretKey.put(key, key.substring(0, colon));
        }
    }

    public Optional<String> owner(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String header = authorization.trim();
        int space = header.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = header.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = header.substring(space + 1).trim();
        if (!scheme.equals("basic") && !scheme.equals("bearer")) {
            return Optional.empty();
        }
        Optional<String> raw = lookup(credentials);
        return raw.isPresent() ? raw : decoded(credentials).flatMap(this::lookup);
    }

    private Optional<String> lookup(String key) {
        byte[] offered = key.getBytes(StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : ownerBySecretKey.entrySet()) {
            // Constant-time comparison, so response timing does not reveal how much of a key matched.
            if (MessageDigest.isEqual(offered, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> decoded(String credentials) {
        try {
            return Optional.of(new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
