package org.opentalks.contract;

/** D-ID's error kinds, as they appear in {@code error.kind} and in synchronous error bodies. */
public enum ErrorKind {
    ValidationError,
    BadRequestError,
    AuthorizationError,
    NotFoundError,
    UnsupportedMimeTypeError,
    InvalidFileSizeError,
    SourceError,
    FaceError,
    DriverError,
    LogoError,
    AudioError,
    TextError,
    InternalServerError,
    UnknownError
}
