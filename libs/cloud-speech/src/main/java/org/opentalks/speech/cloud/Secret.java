package org.opentalks.speech.cloud;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A credential: an API key, a secret access key, a bearer token. Only the code that puts it in a request
 * header or signs with it reads its text ({@link #reveal()}); {@link #toString()} prints a placeholder, so
 * every record that holds one prints safely and a key reaches neither logs nor error messages.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** The credential {@code value} (surrounding whitespace dropped), or null where there is none. */
    public static Secret of(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.strip());
    }

    /** The credential itself: for a request header or a signature, never for a message. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        // Constant time, as for any comparison of secrets.
        return other instanceof Secret s && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "<secret>";
    }
}
