package org.opentalks.contract;

/**
 * D-ID's error kinds, as they appear in {@code error.kind} of a failed talk and in the {@code kind}
 * of every synchronous error body. Each kind names its HTTP status for the API's answers; a kind that
 * only ends a talk asynchronously (FaceError, SourceError, …) keeps 400 for the rare case it is
 * decided at once (an unknown driver at POST is a DriverError).
 */
public enum ErrorKind {
    ValidationError(400),
    BadRequestError(400),
    InvalidFileSizeError(400),
    InvalidImageResolutionError(400),
    InvalidAudioDurationError(400),
    AuthorizationError(401),
    InsufficientCreditsError(402),
    PermissionError(403),
    NotFoundError(404),
    MethodNotAllowedError(405),
    NotReadyError(409),
    PayloadTooLargeError(413),
    UnsupportedMimeTypeError(415),
    TooManyRequestsError(429),
    SourceError(400),
    FaceError(400),
    DriverError(400),
    LogoError(400),
    AudioError(400),
    TextError(400),
    InternalServerError(500),
    /** The service cannot take the request now (the broker is unreachable); retrying later may work. */
    ServiceUnavailableError(503),
    UnknownError(500);

    private final int httpStatus;

    ErrorKind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The status the API answers with when a request is refused with this kind. */
    public int httpStatus() {
        return httpStatus;
    }
}
