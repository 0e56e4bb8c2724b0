package org.opentalks.contract.document;

import java.time.Instant;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.TalkStatus;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.TalkSpec;

/**
 * {@code records/{owner}/{talkId}.json}: the talk as stored. The gateway creates it; after that
 * only the webhook-notifier writes it. The API's talk object is rendered from it (media keys become
 * presigned URLs at read time).
 */
public record TalkRecord(String id, String owner, Instant createdAt, Instant startedAt, Instant modifiedAt,
                         TalkStatus status, TalkSpec spec, String resultKey, String audioKey, Double duration,
                         ResultMetadata metadata, Failure error) {

    /** A failed talk's {@code error} object. */
    public record Failure(ErrorKind kind, String description) {
    }

    public static TalkRecord created(String id, String owner, TalkSpec spec, Instant now) {
        return new TalkRecord(id, owner, now, null, now, TalkStatus.CREATED, spec, null, null, null, null, null);
    }

    public TalkRecord started(Instant at) {
        return new TalkRecord(id, owner, createdAt, startedAt == null ? at : startedAt, at, TalkStatus.STARTED, spec,
                resultKey, audioKey, duration, metadata, error);
    }

    public TalkRecord done(Instant at, String resultKey, String audioKey, double duration, ResultMetadata metadata) {
        return new TalkRecord(id, owner, createdAt, startedAt == null ? at : startedAt, at, TalkStatus.DONE, spec,
                resultKey, audioKey, duration, metadata, null);
    }

    public TalkRecord failed(Instant at, ErrorKind kind, String description) {
        return new TalkRecord(id, owner, createdAt, startedAt, at, TalkStatus.ERROR, spec, null, audioKey, duration,
                metadata, new Failure(kind, description));
    }
}
