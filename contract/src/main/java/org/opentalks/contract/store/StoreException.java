package org.opentalks.contract.store;

/** The object store refused or failed an operation; transient, so the message is retried. */
public class StoreException extends RuntimeException {
    public StoreException(String operation, Throwable cause) {
        super("object store: " + operation + " failed: " + cause.getMessage(), cause);
    }
}
