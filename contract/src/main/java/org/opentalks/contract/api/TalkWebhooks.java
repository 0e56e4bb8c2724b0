package org.opentalks.contract.api;

import java.time.Instant;
import java.util.List;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.document.WebhookLog;

/**
 * {@code GET /talks/{id}/webhooks} (beyond D-ID): how the talk's webhook went, attempt by attempt.
 *
 * @param state {@code none} (the talk has no webhook), {@code awaiting_result} (the talk is not
 *              finished), then the log's {@code pending}, {@code delivered} or {@code failed}
 */
public record TalkWebhooks(String talkId, String webhook, String webhookId, String state, Instant nextAttemptAt,
                           List<WebhookLog.Attempt> attempts) {

    public static TalkWebhooks of(TalkRecord talk, WebhookLog log) {
        String webhook = talk.spec().webhook();
        if (webhook == null || webhook.isBlank()) {
            return new TalkWebhooks(talk.id(), null, null, "none", null, List.of());
        }
        if (log == null) {
            return new TalkWebhooks(talk.id(), webhook, null, "awaiting_result", null, List.of());
        }
        return new TalkWebhooks(talk.id(), log.url(), log.webhookId(), log.state().wire(), log.nextAttemptAt(),
                log.attempts());
    }
}
