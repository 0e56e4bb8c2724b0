package org.opentalks.infra;

/** The local infrastructure could not start, or a piece of it stopped answering. */
public class InfraException extends RuntimeException {
    public InfraException(String message) {
        super(message);
    }

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
