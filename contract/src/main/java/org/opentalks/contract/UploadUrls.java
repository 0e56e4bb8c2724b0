package org.opentalks.contract;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The one rule for "this URL names the caller's own upload": {@code s3://<bucket>/uploads/<owner>/<id>/<file>}
 * in this store's bucket, with no query, fragment, dot or empty segment, backslash or control
 * character (a store backed by a file system could read those as a path out of the owner's folder).
 * The gateway checks it at POST, the fetcher before reading, the talk object before signing a link.
 */
public final class UploadUrls {

    /**
     * The object key {@code url} names when it is one of {@code owner}'s uploads in {@code bucket};
     * empty for any other URL, including other owners' uploads and malformed ones.
     */
    public static Optional<String> ownKey(String url, String bucket, String owner) {
        if (url == null || bucket == null || owner == null || owner.isEmpty() || owner.indexOf('/') >= 0
                || owner.equals(".") || owner.equals("..") || !url.regionMatches(true, 0, "s3://", 0, 5)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!bucket.equals(uri.getRawAuthority()) || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawPath() == null || !uri.getRawPath().startsWith("/") || uri.getRawPath().contains("%")) {
            return Optional.empty();
        }
        String key = uri.getRawPath().substring(1);
        String prefix = ObjectKeys.uploadPrefix(owner);
        if (!key.startsWith(prefix) || key.length() == prefix.length()) {
            return Optional.empty();
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        if (key.chars().anyMatch(c -> c == '\\' || c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** Whether {@code url} is an {@code s3://} URL at all (of anyone, valid or not). */
    public static boolean isS3(String url) {
        return url != null && url.regionMatches(true, 0, "s3://", 0, 5);
    }

    private UploadUrls() {
    }
}
