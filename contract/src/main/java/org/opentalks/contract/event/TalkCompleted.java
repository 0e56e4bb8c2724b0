package org.opentalks.contract.event;

import org.opentalks.contract.api.TalkFace;

/**
 * {@code talks.completed}: the result video is in the store under {@code resultKey}.
 *
 * @param face the face that was animated, in D-ID's response form
 */
public record TalkCompleted(String talkId, String owner, String resultKey, String audioKey, double duration,
                            ResultMetadata metadata, TalkFace face) implements TalkEvent {
}
