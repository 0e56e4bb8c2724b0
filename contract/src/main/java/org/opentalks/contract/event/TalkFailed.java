package org.opentalks.contract.event;

import org.opentalks.contract.ErrorKind;

/** {@code talks.failed}: a stage gave up on the talk; the notifier ends it in {@code error}. */
public record TalkFailed(String talkId, String owner, String stage, ErrorKind kind, String description)
        implements TalkEvent {
}
