package org.opentalks.speech.cloud;

import java.time.Duration;

/**
 * The operator's cloud speech configuration, one part per provider; a part without credentials still
 * serves talks whose client brings its own key ({@code x-api-key-external}).
 *
 * @param connectTimeout how long connecting to a provider may take (default 10 s)
 */
public record CloudSpeechConfig(AzureSpeechConfig microsoft, ElevenLabsConfig elevenlabs, PollyConfig amazon,
                                GoogleTtsConfig google, Duration connectTimeout) {
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public CloudSpeechConfig {
        microsoft = microsoft == null ? AzureSpeechConfig.none() : microsoft;
        elevenlabs = elevenlabs == null ? ElevenLabsConfig.none() : elevenlabs;
        amazon = amazon == null ? PollyConfig.none() : amazon;
        google = google == null ? GoogleTtsConfig.none() : google;
        connectTimeout = Settings.positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "the connect timeout");
    }

    /** No operator credentials at all, default endpoints. */
    public static CloudSpeechConfig none() {
        return new CloudSpeechConfig(null, null, null, null, null);
    }
}
