package org.opentalks.speech.cloud;

import java.util.Collection;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;

/**
 * A provider's refusal as a {@link SpeechException} of D-ID's kind, carrying the provider's own words:
 * 401 and 403 are the credentials' fault, 429 and 5xx the provider's, other 4xx the script's or the
 * voice's (each client says which). The provider's message is cleaned before it is repeated: any
 * credential sent with the request is cut out, control characters and runs of space collapse, and it is
 * cut to {@value #MAX_MESSAGE} characters.
 */
final class ProviderError {
    static final int MAX_MESSAGE = 300;

    private ProviderError() {
    }

    /** The cause of an HTTP status, {@code clientFault} standing for a 4xx that is not about credentials or load. */
    static Cause causeOf(int status, Cause clientFault) {
        if (status == 401 || status == 403) {
            return Cause.CREDENTIALS;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Cause.PROVIDER;
        }
        return clientFault;
    }

    /**
     * @param provider   the provider's name as users know it ({@code ElevenLabs})
     * @param providerId the provider type the keys are given under ({@code elevenlabs})
     * @param message    what the provider said; blank for nothing
     * @param secrets    the credentials sent, none of which may appear in the message
     */
    static SpeechException of(Cause cause, String provider, String providerId, int status, String message,
                              Collection<Secret> secrets) {
        String said = clean(message, secrets);
        String head = provider + ": " + (said.isEmpty() ? "HTTP " + status : said);
        String tail = switch (cause) {
            case CREDENTIALS -> " (HTTP " + status + "). Check the " + providerId
                    + " key sent in x-api-key-external or configured for this server.";
            case VOICE -> " (HTTP " + status + "). Check the voice_id and voice_config of the " + providerId
                    + " provider.";
            case TEXT -> " (HTTP " + status + "). The script was not accepted; check its text or SSML.";
            case PROVIDER -> " (HTTP " + status + "). " + provider + " is unavailable or busy; try again later.";
        };
        return new SpeechException(cause, head + tail);
    }

    /** {@code message} fit to repeat: no credential, no control characters, not too long. */
    static String clean(String message, Collection<Secret> secrets) {
        if (message == null) {
            return "";
        }
        String s = message;
        for (Secret secret : secrets) {
            if (secret != null && !secret.reveal().isEmpty()) {
                s = s.replace(secret.reveal(), "<redacted>");
            }
        }
        if (s.strip().startsWith("<")) {
            s = s.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", "\n");
        }
        s = s.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        s = s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        // A provider that echoes our own sentence ends: avoid "..".
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
