package org.opentalks.contract.event;

import java.time.Instant;

/**
 * {@code talks.requested}: the gateway accepted a talk. This event is the talk's first durable
 * trace: the notifier creates the talk record from it.
 */
public record TalkRequested(String talkId, String owner, TalkSpec spec, Instant createdAt) implements TalkEvent {
}
