package org.opentalks.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentalks.contract.Sha256;
import org.opentalks.gateway.config.ApiConfig;

/**
 * Resolves an {@code Authorization} header to the key's owner. Keys are configured only as SHA-256
 * hashes, so the configuration never holds a usable secret; API keys are long random strings, for
 * which a fast hash is enough. For the key {@code owner:secret}, every form real D-ID clients send is
 * accepted: {@code Basic owner:secret} (raw, as D-ID's docs say), {@code Basic base64(owner:secret)}
 * (RFC 7617, the key split into user and password), {@code Basic base64(owner:secret:)} (the whole key
 * as the user name with an empty password, as Python's {@code HTTPBasicAuth(key, "")} and
 * {@code curl -u key:} send it) and {@code Bearer owner:secret}. Anything else is no key.
 */
@ApplicationScoped
public class ApiKeys {
    private static final String PREFIX = "sha256:";

    private final Map<String, String> ownerByHash = new HashMap<>();

    @Inject
    ApiKeys(ApiConfig config) {
        this(config.owners().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().keys())));
    }

    /** @param hashesByOwner each owner's configured key hashes */
    ApiKeys(Map<String, List<String>> hashesByOwner) {
        hashesByOwner.forEach((owner, hashes) -> {
            for (String hash : hashes) {
                String hex = hash.trim().toLowerCase(Locale.ROOT);
                if (!hex.startsWith(PREFIX) || !hex.substring(PREFIX.length()).matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("opentalks.api.owners." + owner
                            + ".keys entries must be sha256:<64 hex digits> (./opentalks key prints one)");
                }
                ownerByHash.put(hex.substring(PREFIX.length()), owner);
            }
        });
    }

    /** The form a key is configured in: {@code sha256:} and the hex SHA-256 of the key. */
    public static String hash(String key) {
        return PREFIX + Sha256.hex(key);
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
        return raw.isPresent() || scheme.equals("bearer") ? raw : decoded(credentials).flatMap(this::lookup);
    }

    /** The key itself, or the key sent as a user name with an empty password ({@code key:}). */
    private Optional<String> lookup(String key) {
        Optional<String> owner = Optional.ofNullable(ownerByHash.get(Sha256.hex(key)));
        if (owner.isEmpty() && key.endsWith(":")) {
            owner = Optional.ofNullable(ownerByHash.get(Sha256.hex(key.substring(0, key.length() - 1))));
        }
        return owner;
    }

    private static Optional<String> decoded(String credentials) {
        try {
            return Optional.of(new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
