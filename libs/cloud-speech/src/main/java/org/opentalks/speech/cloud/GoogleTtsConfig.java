package org.opentalks.speech.cloud;

import java.net.URI;
import java.time.Duration;

/**
 * The operator's Google Cloud Text-to-Speech access.
 *
 * @param credentials     an API key or an OAuth access token; null where only clients bring keys
 * @param endpoint        the API's base URL (default {@code https://texttospeech.googleapis.com}; a test stand-in)
 * @param sampleRateHertz the LINEAR16 rate asked for (default 24000; at least 16000)
 * @param timeout         how long one request may take (default 30 s)
 */
public record GoogleTtsConfig(GoogleCredentials credentials, URI endpoint, int sampleRateHertz, Duration timeout) {
    public static final int DEFAULT_SAMPLE_RATE = 24_000;
    static final URI DEFAULT_ENDPOINT = URI.create("https://texttospeech.googleapis.com");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public GoogleTtsConfig {
        endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
        sampleRateHertz = sampleRateHertz == 0 ? DEFAULT_SAMPLE_RATE : sampleRateHertz;
        if (sampleRateHertz < AudioFormat.MIN_PCM_RATE || sampleRateHertz > 48_000) {
            throw new IllegalArgumentException("the Google sample rate " + sampleRateHertz
                    + " Hz is outside 16000–48000: mouth shapes need 16 kHz or more");
        }
        timeout = Settings.positive(timeout, DEFAULT_TIMEOUT, "the Google Text-to-Speech timeout");
    }

    /** No operator credentials: only clients' keys are used. */
    public static GoogleTtsConfig none() {
        return new GoogleTtsConfig(null, null, 0, null);
    }
}
