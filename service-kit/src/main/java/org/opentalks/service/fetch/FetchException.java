package org.opentalks.service.fetch;

import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.event.StageFailure;

/**
 * Why a remote source was not fetched, with a sentence the client can act on. The message names
 * only what the client sent (its URL), never an address the server resolved or was redirected to.
 */
public final class FetchException extends RuntimeException {
    public enum Reason {
        /** Not a URL at all. */
        INVALID_URL,
        /** Not https or s3, or plain http to a host that is not allow-listed. */
        SCHEME_NOT_ALLOWED,
        /** The host is, or resolves to, a loopback, private, link-local, metadata or reserved address. */
        ADDRESS_REFUSED,
        TOO_MANY_REDIRECTS,
        TOO_LARGE,
        /** The bytes are not one of the kind's media types (sniffed, headers are not trusted). */
        WRONG_TYPE,
        /** An image whose header declares more pixels, or a longer side, than allowed. */
        TOO_MANY_PIXELS,
        /** HTTP 404/410, or an s3 object that is missing or not the caller's own. */
        NOT_FOUND,
        HTTP_STATUS,
        TIMEOUT,
        IO
    }

    private final Reason reason;

    public FetchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** This failure as the stage failure a service reports, e.g. {@code toStageFailure(ErrorKind.AudioError)}. */
    public StageFailure toStageFailure(ErrorKind kind) {
        return new StageFailure(kind, getMessage(), this);
    }
}
