package org.opentalks.notifier.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.notifier.config.NotifierConfig;
import org.opentalks.service.fetch.SafeFetcher;
import org.opentalks.store.ObjectStore;

/** The notifier's {@link WebhookDeliveries}, from {@code opentalks.notifier.webhook-*}. */
@ApplicationScoped
public class WebhookDeliveriesProducer {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveriesProducer.class);

    @Produces
    @ApplicationScoped
    WebhookDeliveries deliveries(ObjectStore store, MediaUrls media, SafeFetcher fetcher, Clock clock,
                                 NotifierConfig config) {
        WebhookSecrets secrets = secrets(config);
        if (!secrets.signsAll()) {
            LOG.warn("no OPENTALKS_NOTIFIER_WEBHOOK_SECRET: webhooks of owners without their own secret go unsigned");
        }
        RetryPolicy retries = new RetryPolicy(config.webhookInitialBackoff(), config.webhookMaxBackoff(),
                config.webhookRetryFor(), () -> ThreadLocalRandom.current().nextDouble());
        return new WebhookDeliveries(store, media, fetcher, clock,
                new WebhookDeliveries.Settings(config.webhookTimeout(), retries, secrets));
    }

    static WebhookSecrets secrets(NotifierConfig config) {
        return new WebhookSecrets(config.webhookSecret(), config.webhookOwnerSecrets().orElse(List.of()));
    }

    void close(@Disposes WebhookDeliveries deliveries) {
        deliveries.close();
    }
}
