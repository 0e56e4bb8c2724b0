package org.opentalks.contract.document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opentalks.contract.TalkStatus;

/**
 * {@code webhooks/{owner}/{talkId}.json}: the delivery of a finished talk's webhook, written by the
 * webhook-notifier before its first attempt and after every attempt, read by the gateway for
 * {@code GET /talks/{id}/webhooks}. Every attempt carries the same {@code webhookId} (the Standard
 * Webhooks {@code webhook-id} header), so a receiver that sees it twice can drop the second.
 *
 * @param talkStatus    the final state the webhook announces ({@code done}, {@code error}, {@code rejected})
 * @param state         {@code pending} while attempts remain, {@code delivered} once a 2xx answer came,
 *                      {@code failed} once the receiver refused (a 4xx other than 408 and 429, a redirect)
 *                      or the retry window closed
 * @param nextAttemptAt when the next attempt is due, while {@code pending}
 */
public record WebhookLog(String talkId, String owner, String webhookId, String url, TalkStatus talkStatus,
                         State state, Instant createdAt, Instant nextAttemptAt, List<Attempt> attempts) {

    public enum State {
        PENDING, DELIVERED, FAILED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One POST to the receiver.
     *
     * @param statusCode the receiver's HTTP status, or null when none came (see {@code error})
     * @param error      why no answer came (connection refused, timeout), or null
     * @param durationMs from sending the request to the answer or the failure
     */
    public record Attempt(int number, Instant at, Integer statusCode, String error, long durationMs) {
    }

    public WebhookLog {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** A delivery not yet tried, due at {@code at}. */
    public static WebhookLog pending(TalkRecord talk, String webhookId, Instant at) {
        return new WebhookLog(talk.id(), talk.owner(), webhookId, talk.spec().webhook(), talk.status(), State.PENDING,
                at, at, List.of());
    }

    /** This log with {@code attempt} added, in {@code next} state, due again at {@code nextAttemptAt} (or null). */
    public WebhookLog after(Attempt attempt, State next, Instant nextAttemptAt) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        return new WebhookLog(talkId, owner, webhookId, url, talkStatus, next, createdAt, nextAttemptAt, all);
    }
}
