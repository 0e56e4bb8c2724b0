package org.opentalks.store;

/** The object store refused or failed an operation. */
public class StoreException extends RuntimeException {
    /** S3's error codes for a server that cannot serve now. */
    private static final java.util.Set<String> SERVER_ERRORS = java.util.Set.of("InternalError",
            "ServiceUnavailable", "SlowDown", "RequestTimeout");

    public StoreException(String operation, Throwable cause) {
        super("object store: " + operation + " failed: " + cause.getMessage(), cause);
    }

    /**
     * Whether the store could not be reached or answered with a server error (it is down, restarting
     * or overloaded), so the same operation may well succeed later: a network failure anywhere in the
     * causes, or an S3 5xx (a store starting up answers {@code InternalError}). A refusal (a missing
     * bucket, a denied key) is not.
     */
    public boolean isUnavailable() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException || cause instanceof io.minio.errors.ServerException) {
                return true;
            }
            if (cause instanceof io.minio.errors.ErrorResponseException error
                    && (error.response() != null && error.response().code() >= 500
                    || SERVER_ERRORS.contains(error.errorResponse().code()))) {
                return true;
            }
        }
        return false;
    }
}
