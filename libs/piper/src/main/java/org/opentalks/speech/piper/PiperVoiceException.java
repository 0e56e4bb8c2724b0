package org.opentalks.speech.piper;

import org.opentalks.speech.SpeechException;

/** A Piper voice cannot be loaded or used: what is wrong with its files, in a sentence the operator can act on. */
public class PiperVoiceException extends SpeechException {
    public PiperVoiceException(String message) {
        super(Cause.VOICE, message);
    }

    public PiperVoiceException(String message, Throwable error) {
        super(Cause.VOICE, message, error);
    }
}
