package org.opentalks.contract.event;

import org.opentalks.contract.ErrorKind;

/**
 * Thrown by a stage when a talk cannot be processed for a reason the client must hear about
 * (no face, an unreadable source). The stage turns it into {@link TalkFailed} instead of retrying.
 */
public class StageFailure extends RuntimeException {
    private final ErrorKind kind;

    public StageFailure(ErrorKind kind, String description) {
        super(description);
        this.kind = kind;
    }

    public StageFailure(ErrorKind kind, String description, Throwable cause) {
        super(description, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
