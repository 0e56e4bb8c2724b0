package org.opentalks.contract.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed links to stored media, served by the gateway's {@code GET /media/{key}}: the store itself
 * need not be reachable by clients, and the link works without an API key, like D-ID's presigned
 * URLs. A link names its expiry and carries an HMAC-SHA256 over the key and the expiry; a talk with
 * {@code persist} gets links without an expiry.
 */
public final class MediaUrls {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String NEVER = "never";

    private final String baseUrl;
    private final SecretKeySpec key;
    private final Duration validity;

    /**
     * @param baseUrl    the gateway's public base URL, e.g. {@code https://talks.example.com}
     * @param signingKey a secret shared by every service that hands out links
     * @param validity   how long a link stays valid
     */
    public MediaUrls(String baseUrl, String signingKey, Duration validity) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.validity = validity;
    }

    /** A link to the object {@code key}, valid for the configured time, or forever when {@code persist}. */
    public String url(String objectKey, boolean persist) {
        return url(objectKey, persist ? null : Instant.now().plus(validity));
    }

    String url(String objectKey, Instant expires) {
        String expiry = expires == null ? NEVER : Long.toString(expires.getEpochSecond());
        StringBuilder url = new StringBuilder(baseUrl).append("/media/");
        for (String segment : objectKey.split("/")) {
            url.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20")).append('/');
        }
        url.setLength(url.length() - 1);
        url.append("?expires=").append(expiry).append("&signature=").append(signature(objectKey, expiry));
        return url.toString();
    }

    /** Whether a link's {@code expires} and {@code signature} are ours and still valid at {@code now}. */
    public boolean verify(String objectKey, String expires, String signature, Instant now) {
        if (objectKey == null || expires == null || signature == null) {
            return false;
        }
        byte[] expected = signature(objectKey, expires).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        if (expires.equals(NEVER)) {
            return true;
        }
        try {
            return now.getEpochSecond() <= Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String signature(String objectKey, String expiry) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(objectKey.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            mac.update(expiry.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
