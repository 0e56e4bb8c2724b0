package org.opentalks.store;

/**
 * Where the S3-compatible store is.
 *
 * @param endpoint       the URL services use, e.g. {@code http://127.0.0.1:9000}
 * @param publicEndpoint the URL clients use for presigned downloads (often the same)
 * @param region         the signing region; set explicitly so the client never asks the server
 */
public record StoreSettings(String endpoint, String publicEndpoint, String accessKey, String secretKey,
                            String bucket, String region) {
}
