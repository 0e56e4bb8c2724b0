package org.opentalks.notifier.webhook;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.api.MediaUrls;
import org.opentalks.contract.api.TalkObjects;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.document.WebhookLog;
import org.opentalks.contract.json.Json;
import org.opentalks.service.fetch.FetchException;
import org.opentalks.service.fetch.SafeFetcher;
import org.opentalks.store.ObjectStore;
import org.opentalks.store.StoreException;

/**
 * Webhook deliveries that survive restarts. When a talk reaches its final state, {@link #owe} writes its
 * delivery log ({@code webhooks/{owner}/{talkId}.json}, pending) and a marker under
 * {@code webhook-queue/{partition}/} before the final record is written, so a crash between the two loses nothing.
 * Each attempt POSTs the talk object (D-ID's body, unchanged) signed as Standard Webhooks asks, with
 * the same {@code webhook-id} every time; its outcome is added to the log before the next attempt is
 * scheduled ({@link RetryPolicy}), so a notifier that restarts or takes the partition over ({@link #recover}) resumes every owed
 * delivery at the time its log says. A delivery ends {@code delivered} on a 2xx answer and
 * {@code failed} on a refusal or once the retry window closes; either removes the marker. At most one
 * attempt per talk runs at a time.
 *
 * <p>The webhook's address is vetted by the shared fetcher's address policy (no loopback, private or
 * metadata targets, checked on the address connected to), and redirects are not followed.
 */
public final class WebhookDeliveries implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** How long to wait before looking again when the store could not be read or written. */
    private static final Duration STORE_RETRY = Duration.ofSeconds(5);

    private final ObjectStore store;
    private final MediaUrls media;
    private final SafeFetcher fetcher;
    private final Clock clock;
    private final Settings settings;
    private final ScheduledExecutorService timer;
    /** Talks with an attempt scheduled or running, and their partitions: the one place a talk's next attempt is decided. */
    private final Map<String, Integer> active = new ConcurrentHashMap<>();
    /** The partitions whose deliveries this notifier makes ({@link #recover}, {@link #release}). */
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    /**
     * @param timeout the most one attempt may take, connecting to the receiver's last byte
     * @param retries when to try again
     * @param secrets who signs what
     */
    public record Settings(Duration timeout, RetryPolicy retries, WebhookSecrets secrets) {
    }

    public WebhookDeliveries(ObjectStore store, MediaUrls media, SafeFetcher fetcher, Clock clock, Settings settings) {
        this.store = store;
        this.media = media;
        this.fetcher = fetcher;
        this.clock = clock;
        this.settings = settings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhook-deliveries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Records that {@code talk}, now final, owes its webhook (if it has one): the pending log and the
     * queue marker under the talk's partition. A log already there (a redelivered event) is kept as it is.
     */
    public void owe(TalkRecord talk, int partition) {
        if (!hasWebhook(talk)) {
            return;
        }
        String logKey = ObjectKeys.webhookLog(talk.owner(), talk.id());
        if (store.find(logKey).isEmpty()) {
            store.putJson(logKey, WebhookLog.pending(talk, webhookId(talk.id()), now()));
        }
        store.put(ObjectKeys.webhookQueued(partition, talk.id()), talk.owner().getBytes(StandardCharsets.UTF_8),
                "text/plain");
    }

    /** Starts the owed delivery of {@code talk} now (after {@link #owe} and the final record are written). */
    public void dispatch(TalkRecord talk, int partition) {
        if (hasWebhook(talk)) {
            schedule(talk.owner(), talk.id(), partition, now());
        }
    }

    /**
     * Takes over the deliveries of {@code partition}: resumes every one owed there at the time its log
     * gives; returns how many.
     */
    public int recover(int partition) {
        owned.add(partition);
        String prefix = ObjectKeys.webhookQueuePrefix(partition);
        int resumed = 0;
        for (String marker : store.list(prefix)) {
            String talkId = marker.substring(prefix.length());
            Optional<byte[]> owner = store.find(marker);
            if (owner.isEmpty()) {
                continue;
            }
            Optional<WebhookLog> log = readLog(new String(owner.get(), StandardCharsets.UTF_8), talkId);
            if (log.isPresent() && log.get().state() == WebhookLog.State.PENDING) {
                schedule(log.get().owner(), talkId, partition, log.get().nextAttemptAt());
                resumed++;
            } else {
                store.delete(marker);
            }
        }
        return resumed;
    }

    /** Stops making the deliveries of {@code partitions}: the notifier that takes them over resumes them. */
    public void release(Set<Integer> partitions) {
        owned.removeAll(partitions);
    }

    /** Whether an attempt for the talk is scheduled or running in this notifier. */
    public boolean active(String talkId) {
        return active.containsKey(talkId);
    }

    /** The Standard Webhooks {@code webhook-id} of a talk's webhook: one per talk, as it has one final state. */
    public static String webhookId(String talkId) {
        return "msg_" + talkId;
    }

    private void schedule(String owner, String talkId, int partition, Instant at) {
        if (active.putIfAbsent(talkId, partition) != null) {
            return;
        }
        later(owner, talkId, at);
    }

    /** Runs the talk's next attempt at {@code at}; the talk is already marked active. */
    private void later(String owner, String talkId, Instant at) {
        long delay = Math.max(0, Duration.between(now(), at).toMillis());
        try {
            timer.schedule(() -> attempt(owner, talkId), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            active.remove(talkId);
        }
    }

    private void attempt(String owner, String talkId) {
        Integer partition = active.get(talkId);
        if (partition == null || !owned.contains(partition)) {
            // Released: the partition's new owner resumes the delivery from the store.
            finish(talkId);
            return;
        }
        WebhookLog log;
        TalkRecord talk;
        try {
            Optional<WebhookLog> found = readLog(owner, talkId);
            if (found.isEmpty() || found.get().state() != WebhookLog.State.PENDING) {
                finish(talkId);
                return;
            }
            log = found.get();
            talk = store.find(ObjectKeys.record(owner, talkId)).map(b -> Json.read(b, TalkRecord.class)).orElse(null);
        } catch (StoreException e) {
            LOG.warnf("webhook for %s waits for the store: %s", talkId, e.getMessage());
            later(owner, talkId, now().plus(STORE_RETRY));
            return;
        }
        if (talk == null || !talk.status().isFinal()) {
            // The log was written just before the final record: the record follows, or the event is redelivered.
            later(owner, talkId, now().plus(settings.retries().initial()));
            return;
        }
        HttpUrl url;
        OkHttpClient client;
        try {
            url = fetcher.policy().checkUrl(log.url());
            client = fetcher.clientFor(url).newBuilder()
                    .callTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).build();
        } catch (FetchException refused) {
            record(log, now(), null, "not sent: " + refused.getMessage(), 0, Optional.empty(), false);
            return;
        }
        byte[] body = Json.write(TalkObjects.render(talk, media, store.bucket()));
        Instant sentAt = now();
        long timestamp = sentAt.getEpochSecond();
        Request.Builder request = new Request.Builder().url(url)
                .header("User-Agent", "OpenTalks-Webhook/1")
                .header("webhook-id", log.webhookId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .post(RequestBody.create(body, JSON));
        settings.secrets().forOwner(owner)
                .ifPresent(signer -> request.header("webhook-signature", signer.sign(log.webhookId(), timestamp, body)));
        long started = System.nanoTime();
        client.newCall(request.build()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                int status = response.code();
                Optional<Duration> retryAfter = RetryPolicy.retryAfter(response.header("Retry-After"), now());
                response.close();
                record(log, sentAt, status, null, elapsed(started), status == 429 || status == 503
                        ? retryAfter : Optional.empty(), RetryPolicy.retryable(status));
            }

            @Override
            public void onFailure(Call call, IOException error) {
                if (error.getCause() instanceof FetchException refused) {
                    record(log, sentAt, null, "not sent: " + refused.getMessage(), elapsed(started), Optional.empty(),
                            false);
                } else {
                    String why = error instanceof InterruptedIOException ? "timed out after " + settings.timeout()
                            : error.toString();
                    record(log, sentAt, null, why, elapsed(started), Optional.empty(), true);
                }
            }
        });
    }

    /** Adds the attempt to the log, then schedules the next one or ends the delivery. */
    private void record(WebhookLog log, Instant at, Integer status, String error, long durationMs,
                        Optional<Duration> retryAfter, boolean retryable) {
        int number = log.attempts().size() + 1;
        WebhookLog.Attempt attempt = new WebhookLog.Attempt(number, at, status, error, durationMs);
        Instant first = log.attempts().isEmpty() ? at : log.attempts().get(0).at();
        boolean delivered = status != null && RetryPolicy.delivered(status);
        Optional<Instant> next = delivered || !retryable ? Optional.empty()
                : settings.retries().next(number, first, now(), retryAfter);
        WebhookLog.State state = delivered ? WebhookLog.State.DELIVERED
                : next.isPresent() ? WebhookLog.State.PENDING : WebhookLog.State.FAILED;
        WebhookLog updated = log.after(attempt, state, next.orElse(null));
        String outcome = status != null ? "HTTP " + status : error;
        try {
            store.putJson(ObjectKeys.webhookLog(log.owner(), log.talkId()), updated);
            if (state == WebhookLog.State.PENDING) {
                LOG.infof("webhook for %s: attempt %d %s; next at %s", log.talkId(), number, outcome, next.get());
                later(log.owner(), log.talkId(), next.get());
            } else {
                LOG.infof("webhook for %s %s after %d attempts (%s)", log.talkId(), state.wire(), number, outcome);
                store.delete(ObjectKeys.webhookQueued(active.getOrDefault(log.talkId(), -1), log.talkId()));
                finish(log.talkId());
            }
        } catch (StoreException e) {
            // Not recorded: the attempt is made again once the store answers (same webhook-id, so a receiver
            // that took it can tell).
            LOG.warnf("webhook for %s: attempt %d (%s) not recorded: %s", log.talkId(), number, outcome,
                    e.getMessage());
            later(log.owner(), log.talkId(), now().plus(STORE_RETRY));
        }
    }

    private void finish(String talkId) {
        active.remove(talkId);
    }

    private Optional<WebhookLog> readLog(String owner, String talkId) {
        return store.find(ObjectKeys.webhookLog(owner, talkId)).map(b -> Json.read(b, WebhookLog.class));
    }

    private static boolean hasWebhook(TalkRecord talk) {
        return talk.spec().webhook() != null && !talk.spec().webhook().isBlank();
    }

    private static long elapsed(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
