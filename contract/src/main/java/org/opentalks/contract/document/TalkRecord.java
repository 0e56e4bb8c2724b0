package org.opentalks.contract.document;

import java.time.Instant;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.api.TalkFace;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.TalkSpec;

/**
 * {@code records/{owner}/{talkId}.json}: the talk as stored. Only the webhook-notifier writes it:
 * it creates it from {@code talks.requested} and advances it from the stages' events. The API's talk
 * object is rendered from it (media keys become signed links at read time).
 *
 * @param face the face that was animated (known once the talk is done)
 */
public record TalkRecord(String id, String owner, Instant createdAt, Instant startedAt, Instant modifiedAt,
                         TalkStatus status, TalkSpec spec, String resultKey, String audioKey, Double duration,
                         ResultMetadata metadata, TalkFace face, Failure error) {

    /** A failed talk's {@code error} object. */
    public record Failure(ErrorKind kind, String description) {
    }

    public static TalkRecord created(String id, String owner, TalkSpec spec, Instant createdAt) {
        return new TalkRecord(id, owner, createdAt, null, createdAt, TalkStatus.CREATED, spec, null, null, null,
                null, null, null);
    }

    public TalkRecord started(Instant at) {
        return new TalkRecord(id, owner, createdAt, startedAt == null ? at : startedAt, at, TalkStatus.STARTED, spec,
                resultKey, audioKey, duration, metadata, face, error);
    }

    public TalkRecord done(Instant at, String resultKey, String audioKey, double duration, ResultMetadata metadata,
                           TalkFace face) {
        return new TalkRecord(id, owner, createdAt, startedAt == null ? at : startedAt, at, TalkStatus.DONE, spec,
                resultKey, audioKey, duration, metadata, face, null);
    }

    public TalkRecord failed(Instant at, ErrorKind kind, String description) {
        return new TalkRecord(id, owner, createdAt, startedAt, at, TalkStatus.ERROR, spec, null, audioKey, duration,
                metadata, face, new Failure(kind, description));
    }
}
