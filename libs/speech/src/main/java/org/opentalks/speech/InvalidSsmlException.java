package org.opentalks.speech;

/** A script marked as SSML that cannot be read: malformed XML, an unknown element, a bad attribute value. */
public class InvalidSsmlException extends IllegalArgumentException {
    public InvalidSsmlException(String message) {
        super(message);
    }

    public InvalidSsmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
