package org.opentalks.notifier.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.opentalks.notifier.config.NotifierConfig;
import org.opentalks.service.config.ProductionRequirement;

/** In production every webhook is signed: a default secret must be set. */
@ApplicationScoped
public class WebhookSecretRequirement implements ProductionRequirement {
    private final NotifierConfig config;

    WebhookSecretRequirement(NotifierConfig config) {
        this.config = config;
    }

    @Override
    public List<String> problems() {
        String secret = config.webhookSecret().orElse("");
        if (secret.isBlank() || secret.contains("CHANGE-ME")) {
            return List.of("OPENTALKS_NOTIFIER_WEBHOOK_SECRET is " + (secret.isBlank() ? "not set" : "still CHANGE-ME")
                    + ": set a secret that signs the webhooks (whsec_ and the base64 of 24 random bytes: "
                    + "printf whsec_; openssl rand -base64 24) and give it to the receivers");
        }
        WebhookDeliveriesProducer.secrets(config);
        return List.of();
    }
}
