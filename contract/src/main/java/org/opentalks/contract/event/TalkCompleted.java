package org.opentalks.contract.event;

/** {@code talks.completed}: the result video is in the store under {@code resultKey}. */
public record TalkCompleted(String talkId, String owner, String resultKey, String audioKey, double duration,
                            ResultMetadata metadata) implements TalkEvent {
}
