package org.opentalks.contract.event;

/** {@code talks.requested}: the gateway accepted a talk. */
public record TalkRequested(String talkId, String owner, TalkSpec spec) implements TalkEvent {
}
