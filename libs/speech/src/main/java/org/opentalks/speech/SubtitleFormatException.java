package org.opentalks.speech;

/** A WebVTT or SRT document that cannot be read; the message names the line and what was expected there. */
public final class SubtitleFormatException extends IllegalArgumentException {
    public SubtitleFormatException(String message) {
        super(message);
    }
}
