package org.opentalks.drivers;

import org.opentalks.contract.ErrorKind;

/**
 * A {@code driver_url} that names no driver of the bank; the message tells the client what to
 * use instead. Reported to the client as D-ID's {@link ErrorKind#DriverError}.
 */
public class UnknownDriverException extends IllegalArgumentException {
    public UnknownDriverException(String message) {
        super(message);
    }

    public ErrorKind kind() {
        return ErrorKind.DriverError;
    }
}
