package org.opentalks.notifier.service;

import java.util.Base64;
import java.util.Map;

/** A webhook as a receiver holds it, with the secret it checks it against: one case for {@link DocumentedRecipes}. */
record SignedMessage(String secret, Map<String, String> headers, String bodyBase64) {
    static SignedMessage of(String secret, Map<String, String> headers, byte[] body) {
        return new SignedMessage(secret, Map.of("webhook-id", headers.get("webhook-id"), "webhook-timestamp",
                headers.get("webhook-timestamp"), "webhook-signature", headers.get("webhook-signature")),
                Base64.getEncoder().encodeToString(body));
    }
}
