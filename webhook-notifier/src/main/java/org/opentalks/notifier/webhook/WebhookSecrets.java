package org.opentalks.notifier.webhook;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which secret signs an owner's webhooks: the owner's own ({@code owner=secret} entries), else the
 * default one; an owner with neither gets unsigned webhooks (the notifier warns at start-up, and
 * production mode refuses to start without a default).
 */
public final class WebhookSecrets {
    private final Map<String, WebhookSigner> byOwner;
    private final WebhookSigner fallback;

    public WebhookSecrets(Optional<String> defaultSecret, List<String> ownerSecrets) {
        Map<String, WebhookSigner> owners = new HashMap<>();
        for (String entry : ownerSecrets) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("a webhook secret entry must read owner=secret, got one of "
                        + entry.length() + " characters without an owner or a secret");
            }
            owners.put(entry.substring(0, eq).trim(), new WebhookSigner(entry.substring(eq + 1).trim()));
        }
        this.byOwner = Map.copyOf(owners);
        this.fallback = defaultSecret.filter(s -> !s.isBlank()).map(WebhookSigner::new).orElse(null);
    }

    /** The owner's signer, or empty when no secret applies to the owner. */
    public Optional<WebhookSigner> forOwner(String owner) {
        return Optional.ofNullable(byOwner.getOrDefault(owner, fallback));
    }

    /** Whether every owner's webhooks are signed. */
    public boolean signsAll() {
        return fallback != null;
    }
}
