package org.opentalks.speech.cloud;

import java.util.Objects;

/**
 * An AWS access key pair, with the session token of temporary credentials (STS) where there is one.
 *
 * @param sessionToken null for long-term keys
 */
public record AwsCredentials(Secret accessKeyId, Secret secretAccessKey, Secret sessionToken) {
    public AwsCredentials {
        Objects.requireNonNull(accessKeyId, "an AWS access key id is required");
        Objects.requireNonNull(secretAccessKey, "an AWS secret access key is required");
    }

    /** Long-term keys; null when either is missing. */
    public static AwsCredentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
        Secret id = Secret.of(accessKeyId);
        Secret secret = Secret.of(secretAccessKey);
        return id == null || secret == null ? null : new AwsCredentials(id, secret, Secret.of(sessionToken));
    }
}
