package org.opentalks.speech.cloud;

/**
 * How to authenticate to Google Cloud Text-to-Speech: an API key (sent as {@code X-Goog-Api-Key}) or an
 * OAuth 2.0 access token (sent as {@code Authorization: Bearer}); the key is used when both are given.
 */
public record GoogleCredentials(Secret apiKey, Secret accessToken) {
    public GoogleCredentials {
        if (apiKey == null && accessToken == null) {
            throw new IllegalArgumentException("Google credentials need an API key or an access token");
        }
    }

    /** Null when neither is given. */
    public static GoogleCredentials of(String apiKey, String accessToken) {
        Secret key = Secret.of(apiKey);
        Secret token = Secret.of(accessToken);
        return key == null && token == null ? null : new GoogleCredentials(key, token);
    }
}
