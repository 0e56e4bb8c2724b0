package org.opentalks.notifier.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.opentalks.contract.api.TalkObjects;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.json.Json;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.notifier.config.NotifierConfig;

/**
 * POSTs the finished talk object (the body of GET /talks/{id}) to the talk's webhook. Connection
 * errors and 5xx answers are retried with exponential back-off; 4xx answers are final.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    private final ObjectStore store;
    private final NotifierConfig config;
    private final HttpClient http;

    WebhookSender(ObjectStore store, NotifierConfig config) {
        this.store = store;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.webhookTimeout()).build();
    }

    public void deliver(TalkRecord record) {
        String webhook = record.spec().webhook();
        if (webhook == null || webhook.isBlank()) {
            return;
        }
        byte[] body = Json.write(TalkObjects.render(record, store, config.urlValidity()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook))
                .timeout(config.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "OpenTalks-Webhook/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        attempt(record.id(), request, 1);
    }

    private void attempt(String talkId, HttpRequest request, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            boolean retryable = error != null || response.statusCode() >= 500;
            if (!retryable) {
                LOG.infof("webhook for %s answered %d", talkId, response.statusCode());
            } else if (attempt < config.webhookAttempts()) {
                long delay = 1L << (attempt - 1);
                CompletableFuture.delayedExecutor(delay, TimeUnit.SECONDS)
                        .execute(() -> attempt(talkId, request, attempt + 1));
            } else {
                LOG.warnf("webhook for %s failed after %d attempts: %s", talkId, attempt,
                        error != null ? error.toString() : "HTTP " + response.statusCode());
            }
        });
    }
}
