package org.opentalks.speech.cloud;

import java.net.URI;
import java.time.Duration;

/**
 * The operator's ElevenLabs account.
 *
 * @param key          the API key ({@code xi-api-key}); null where only clients bring keys
 * @param endpoint     the API's base URL (default {@code https://api.elevenlabs.io}; a test stand-in)
 * @param modelId      the model when the talk names none (default {@value #DEFAULT_MODEL}, as D-ID's)
 * @param outputFormat the {@code output_format} asked for: {@code pcm_<rate>} or {@code mp3_<rate>_<kbps>}
 *                     (default {@value #DEFAULT_OUTPUT_FORMAT})
 * @param timeout      how long one request may take (default 60 s: long scripts take a while to speak)
 */
public record ElevenLabsConfig(Secret key, URI endpoint, String modelId, String outputFormat, Duration timeout) {
    public static final String DEFAULT_MODEL = "eleven_multilingual_v2";
    public static final String DEFAULT_OUTPUT_FORMAT = "pcm_16000";
    static final URI DEFAULT_ENDPOINT = URI.create("https://api.elevenlabs.io");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public ElevenLabsConfig {
        endpoint = endpoint == null ? DEFAULT_ENDPOINT : endpoint;
        modelId = modelId == null || modelId.isBlank() ? DEFAULT_MODEL : modelId.strip();
        outputFormat = outputFormat == null || outputFormat.isBlank() ? DEFAULT_OUTPUT_FORMAT : outputFormat.strip();
        AudioFormat.elevenLabs(outputFormat);
        timeout = Settings.positive(timeout, DEFAULT_TIMEOUT, "the ElevenLabs timeout");
    }

    /** No operator key: only clients' keys are used. */
    public static ElevenLabsConfig none() {
        return new ElevenLabsConfig(null, null, null, null, null);
    }
}
