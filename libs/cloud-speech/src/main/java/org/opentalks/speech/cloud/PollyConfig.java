package org.opentalks.speech.cloud;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The operator's Amazon Polly access.
 *
 * @param credentials the IAM keys requests are signed with; null where only clients bring keys
 * @param region      the AWS region (default {@value #DEFAULT_REGION}); the endpoint is
 *                    {@code https://polly.{region}.amazonaws.com} and the signature is scoped to it
 * @param endpoint    a base URL that replaces the regional one (a VPC endpoint, a test stand-in); null for none
 * @param engine      {@code neural}, {@code standard}, {@code long-form} or {@code generative}
 *                    (default {@value #DEFAULT_ENGINE})
 * @param timeout     how long one request may take (default 30 s)
 */
public record PollyConfig(AwsCredentials credentials, String region, URI endpoint, String engine, Duration timeout) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ENGINE = "neural";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public PollyConfig {
        region = region == null || region.isBlank() ? DEFAULT_REGION : region.strip();
        Settings.checkRegion(region, "Amazon Polly");
        engine = engine == null || engine.isBlank() ? DEFAULT_ENGINE : engine.strip().toLowerCase(Locale.ROOT);
        if (!engine.matches("neural|standard|long-form|generative")) {
            throw new IllegalArgumentException("the Polly engine " + engine
                    + " is not neural, standard, long-form or generative");
        }
        timeout = Settings.positive(timeout, DEFAULT_TIMEOUT, "the Amazon Polly timeout");
    }

    /** No operator keys: only clients' keys are used. */
    public static PollyConfig none() {
        return new PollyConfig(null, null, null, null, null);
    }

    /** The base URL for keys scoped to {@code keyRegion} (the configured region if null). */
    URI base(String keyRegion) {
        if (endpoint != null) {
            return endpoint;
        }
        String r = keyRegion == null ? region : keyRegion;
        Settings.checkRegion(r, "Amazon Polly");
        return URI.create("https://polly." + r + ".amazonaws.com");
    }
}
