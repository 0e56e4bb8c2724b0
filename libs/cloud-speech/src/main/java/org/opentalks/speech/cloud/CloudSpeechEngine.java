package org.opentalks.speech.cloud;

import java.util.List;
import org.opentalks.speech.Gender;
import org.opentalks.speech.PhoneSet;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechEngine;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechVoice;

/**
 * A cloud provider as a {@link SpeechEngine}, holding the credentials it calls the provider with (the
 * operator's, or a client's through {@link #withClientKeys}). Two ways in:
 * <ul>
 *   <li>{@link #speak(CloudScript)}: a talk's whole script, sent as the client wrote it (SSML included) with
 *       every {@code voice_config} setting the provider knows. This is what a talk should use.</li>
 *   <li>{@link #speak(String, SpeechVoice, Prosody)}: one run of plain text, for
 *       {@link org.opentalks.speech.UtteranceRenderer}; rate and pitch go to the provider where it has them,
 *       volume is left to the renderer.</li>
 * </ul>
 * Where the provider gives no phone timings (Azure's REST API, Google) the speech has no phones and
 * {@link CloudSpeech#visemes} estimates mouth shapes from the audio; its phone set is then espeak-ng's only so
 * that pauses a renderer joins in ({@code _}) read as rest.
 *
 * <p>Errors are {@link SpeechException}s of D-ID's kinds: CREDENTIALS for a refused key (the provider's own
 * message), TEXT or VOICE for a refused script or voice, PROVIDER for load, outages and timeouts. No key ever
 * appears in a message, a log line or {@code toString()}.
 */
public abstract class CloudSpeechEngine implements SpeechEngine {
    /** The phone set of speech without phones; see the class comment. */
    static final PhoneSet NO_PHONES = PhoneSet.ESPEAK;

    /** Whether this engine holds credentials to call its provider with. */
    public abstract boolean hasCredentials();

    /** This engine calling with the client's keys for its provider, where {@code keys} has some; else itself. */
    public abstract CloudSpeechEngine withClientKeys(ClientKeys keys);

    /**
     * Speaks a talk's whole script.
     *
     * @throws SpeechException as the class comment says
     */
    public abstract Speech speak(CloudScript script);

    /**
     * The provider's voices, as listed with this engine's credentials.
     *
     * @throws SpeechException when the provider cannot be asked (CREDENTIALS when it refuses the key)
     */
    @Override
    public abstract List<SpeechVoice> voices();

    /** A voice of this engine known by its id only (a cloned voice, one not listed), for the run-by-run entry. */
    public SpeechVoice voice(String voiceId) {
        return new SpeechVoice(id(), voiceId, voiceId, localeOf(voiceId), Gender.UNSPECIFIED, List.of());
    }

    /** The locale a voice id starts with ({@code en-US-JennyNeural} → {@code en-US}); {@code en-US} if none. */
    static String localeOf(String voiceId) {
        if (voiceId != null) {
            String[] parts = voiceId.split("-");
            if (parts.length >= 3 && parts[0].matches("[a-z]{2,3}") && parts[1].matches("[A-Z]{2}|\\d{3}")) {
                return parts[0] + "-" + parts[1];
            }
        }
        return "en-US";
    }

    SpeechException noCredentials(String provider) {
        return new SpeechException(SpeechException.Cause.CREDENTIALS, "No " + provider + " credentials: send them in "
                + ClientKeys.HEADER + " (e.g. {\"" + id() + "\": …}) or configure them for this server.");
    }

    static String requireVoice(String voiceId, String provider, String example) {
        if (voiceId == null || voiceId.isBlank()) {
            throw new SpeechException(SpeechException.Cause.VOICE, "A " + provider + " voice_id is required, e.g. "
                    + example + ".");
        }
        return voiceId.strip();
    }

    static String requireText(String input) {
        if (input == null || input.isBlank()) {
            throw new SpeechException(SpeechException.Cause.TEXT, "The script has no text to speak.");
        }
        return input;
    }

    static Speech requireSound(Speech speech) {
        if (speech.samples().length == 0) {
            throw new SpeechException(SpeechException.Cause.TEXT, "The script produced no speech.");
        }
        return speech;
    }
}
