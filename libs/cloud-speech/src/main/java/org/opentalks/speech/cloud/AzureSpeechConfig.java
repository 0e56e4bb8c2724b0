package org.opentalks.speech.cloud;

import java.net.URI;
import java.time.Duration;

/**
 * The operator's Azure Speech resource.
 *
 * @param key          the resource key ({@code Ocp-Apim-Subscription-Key}); null where only clients bring keys
 * @param region       the resource's region, e.g. {@code westeurope}; the endpoint is
 *                     {@code https://{region}.tts.speech.microsoft.com}
 * @param endpoint     a base URL that replaces the regional one (a custom domain, a test stand-in); null for none
 * @param outputFormat the {@code X-Microsoft-OutputFormat} asked for (default {@value #DEFAULT_OUTPUT_FORMAT})
 * @param timeout      how long one request may take, answer included (default 30 s)
 */
public record AzureSpeechConfig(Secret key, String region, URI endpoint, String outputFormat, Duration timeout) {
    public static final String DEFAULT_OUTPUT_FORMAT = "riff-24khz-16bit-mono-pcm";
    public static final String DEFAULT_REGION = "eastus";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public AzureSpeechConfig {
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.strip();
        outputFormat = outputFormat == null || outputFormat.isBlank() ? DEFAULT_OUTPUT_FORMAT : outputFormat.strip();
        AudioFormat.azure(outputFormat);
        timeout = Settings.positive(timeout, DEFAULT_TIMEOUT, "the Azure Speech timeout");
        Settings.checkRegion(region, "Azure Speech");
    }

    /** No operator key: only clients' keys are used. */
    public static AzureSpeechConfig none() {
        return new AzureSpeechConfig(null, null, null, null, null);
    }

    /** The base URL requests go to for a resource in {@code keyRegion} (the configured one if null). */
    URI base(String keyRegion) {
        if (endpoint != null) {
            return endpoint;
        }
        String r = keyRegion == null ? region : keyRegion;
        Settings.checkRegion(r, "Azure Speech");
        return URI.create("https://" + r + ".tts.speech.microsoft.com");
    }
}
