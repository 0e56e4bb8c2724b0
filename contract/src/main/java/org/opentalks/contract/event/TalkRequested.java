package org.opentalks.contract.event;

import java.time.Instant;

/**
 * {@code talks.requested}: the gateway accepted a talk. This event is the talk's first durable
 * trace: the notifier creates the talk record from it.
 *
 * @param sealedClientKeys the client's own provider keys (D-ID's {@code x-api-key-external}), sealed so that
 *                         only the tts-service can open them; null when the client sent none. Never copied
 *                         into the talk record.
 */
public record TalkRequested(String talkId, String owner, TalkSpec spec, Instant createdAt, String sealedClientKeys)
        implements TalkEvent {

    public TalkRequested(String talkId, String owner, TalkSpec spec, Instant createdAt) {
        this(talkId, owner, spec, createdAt, null);
    }

    /** Never shows the sealed keys, even though they are unreadable without the secret. */
    @Override
    public String toString() {
        return "TalkRequested[talkId=" + talkId + ", owner=" + owner + ", createdAt=" + createdAt
                + (sealedClientKeys == null ? "" : ", client keys sealed") + "]";
    }
}
