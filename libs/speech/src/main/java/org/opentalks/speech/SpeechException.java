package org.opentalks.speech;

/**
 * An engine could not speak: why, in a sentence the client can act on, and whose fault it is, so
 * that the talk ends with the right D-ID error kind.
 */
public class SpeechException extends RuntimeException {
    /** Whose fault: the script or voice (TextError), the provider's credentials, or the provider itself. */
    public enum Cause { TEXT, VOICE, CREDENTIALS, PROVIDER }

    private final Cause cause;

    public SpeechException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public SpeechException(Cause cause, String message, Throwable error) {
        super(message, error);
        this.cause = cause;
    }

    public Cause reason() {
        return cause;
    }
}
