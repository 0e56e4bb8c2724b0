package org.opentalks.notifier.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jboss.logging.Logger;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.contract.api.TalkObjects;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.json.Json;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.notifier.config.NotifierConfig;
import org.opentalks.service.fetch.FetchException;
import org.opentalks.service.fetch.SafeFetcher;

/**
 * POSTs the finished talk object (the body of GET /talks/{id}) to the talk's webhook. The target is
 * vetted by the same address policy as every download (no loopback, private or metadata addresses,
 * checked on the resolved address that is then connected to), and redirects are not followed.
 * Connection errors and 5xx answers are retried with exponential back-off; 4xx answers are final.
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final ObjectStore store;
    private final MediaUrls media;
    private final NotifierConfig config;
    private final SafeFetcher fetcher;

    WebhookSender(ObjectStore store, MediaUrls media, NotifierConfig config, SafeFetcher fetcher) {
        this.store = store;
        this.media = media;
        this.config = config;
        this.fetcher = fetcher;
    }

    public void deliver(TalkRecord record) {
        String webhook = record.spec().webhook();
        if (webhook == null || webhook.isBlank()) {
            return;
        }
        HttpUrl url;
        OkHttpClient client;
        try {
            url = fetcher.policy().checkUrl(webhook);
            client = fetcher.clientFor(url).newBuilder()
                    .callTimeout(config.webhookTimeout().toMillis(), TimeUnit.MILLISECONDS).build();
        } catch (FetchException e) {
            LOG.warnf("webhook for %s not sent: %s", record.id(), e.getMessage());
            return;
        }
        byte[] body = Json.write(TalkObjects.render(record, media, store.bucket()));
        Request request = new Request.Builder().url(url)
                .header("User-Agent", "OpenTalks-Webhook/1")
                .post(RequestBody.create(body, JSON))
                .build();
        attempt(record.id(), client, request, 1);
    }

    private void attempt(String talkId, OkHttpClient client, Request request, int attempt) {
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                int status = response.code();
                response.close();
                if (status < 500) {
                    LOG.infof("webhook for %s answered %d", talkId, status);
                } else {
                    retry("HTTP " + status);
                }
            }

            @Override
            public void onFailure(Call call, IOException error) {
                if (error.getCause() instanceof FetchException refused) {
                    LOG.warnf("webhook for %s not sent: %s", talkId, refused.getMessage());
                } else {
                    retry(error.toString());
                }
            }

            private void retry(String why) {
                if (attempt < config.webhookAttempts()) {
                    long delay = 1L << (attempt - 1);
                    CompletableFuture.delayedExecutor(delay, TimeUnit.SECONDS)
                            .execute(() -> attempt(talkId, client, request, attempt + 1));
                } else {
                    LOG.warnf("webhook for %s failed after %d attempts: %s", talkId, attempt, why);
                }
            }
        });
    }
}
