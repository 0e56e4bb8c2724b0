package org.opentalks.speech.cloud;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for a request signed in its {@code Authorization} header (AWS General Reference,
 * "Signature Version 4 signing process"; AWS IAM User Guide, "Create a signed AWS API request"):
 * <ol>
 *   <li>the canonical request: method, canonical URI, canonical query string, canonical headers, signed header
 *       names and the hex SHA-256 of the payload, one per line;</li>
 *   <li>the string to sign: {@code AWS4-HMAC-SHA256}, the request time, the credential scope
 *       {@code date/region/service/aws4_request} and the hex SHA-256 of the canonical request;</li>
 *   <li>the signing key: HMAC-SHA256 chained from {@code "AWS4" + secret} over the date, region, service and
 *       {@code aws4_request};</li>
 *   <li>the signature: hex HMAC-SHA256 of the string to sign under that key.</li>
 * </ol>
 * Signed: {@code host}, {@code x-amz-date}, {@code x-amz-security-token} where there is a session token, and
 * every header the caller passes. Path segments are URI-encoded once more than the request's raw path, as for
 * every service but S3.
 */
final class AwsSigV4 {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /**
     * @param headers        the headers to set on the request: {@code X-Amz-Date}, {@code Authorization} and
     *                       {@code X-Amz-Security-Token} where there is one
     * @param canonicalRequest the canonical request signed, for checks
     */
    record Signed(Map<String, String> headers, String authorization, String canonicalRequest, String stringToSign) {
        @Override
        public String toString() {
            // The headers hold the session token; the rest names the access key.
            return "Signed[<secret>]";
        }
    }

    private AwsSigV4() {
    }

    /**
     * @param headers headers the request will carry that are to be signed too (e.g. {@code Content-Type}); host
     *                and the date are added here
     */
    static Signed sign(String method, URI uri, Map<String, String> headers, byte[] payload,
                       AwsCredentials credentials, String region, String service, Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.merge(name.toLowerCase(Locale.ROOT), normalise(value),
                (a, b) -> a + "," + b));
        canonical.put("host", host(uri));
        canonical.put("x-amz-date", amzDate);
        if (credentials.sessionToken() != null) {
            canonical.put("x-amz-security-token", credentials.sessionToken().reveal());
        }
        String signedHeaders = String.join(";", canonical.keySet());
        StringBuilder request = new StringBuilder()
                .append(method.toUpperCase(Locale.ROOT)).append('\n')
                .append(canonicalUri(uri.getRawPath())).append('\n')
                .append(canonicalQuery(uri.getRawQuery())).append('\n');
        canonical.forEach((name, value) -> request.append(name).append(':').append(value).append('\n'));
        request.append('\n').append(signedHeaders).append('\n').append(hex(sha256(payload)));
        String canonicalRequest = request.toString();

        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = signingKey(credentials.secretAccessKey().reveal(), date, region, service);
        String signature = hex(hmac(key, stringToSign));
        String authorization = ALGORITHM + " Credential=" + credentials.accessKeyId().reveal() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;

        Map<String, String> add = new TreeMap<>();
        add.put("X-Amz-Date", amzDate);
        add.put("Authorization", authorization);
        if (credentials.sessionToken() != null) {
            add.put("X-Amz-Security-Token", credentials.sessionToken().reveal());
        }
        return new Signed(Map.copyOf(add), authorization, canonicalRequest, stringToSign);
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    /** The Host header's value: the host, and the port where it is not the scheme's default. */
    static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 443 && "https".equals(uri.getScheme())
                || port == 80 && "http".equals(uri.getScheme());
        return uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Each segment of the (already encoded) path encoded again; the empty path is {@code /}. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(segments[i]));
        }
        return out.toString();
    }

    /** Parameters decoded, re-encoded the AWS way, and sorted by name, then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** RFC 3986 percent-encoding: everything but A–Z a–z 0–9 - _ . ~ as %XY, hex upper case. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        // '+' is a literal plus in a URI query, not the form encoding's space.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Trimmed, with runs of spaces inside as one (the spec's Trimall). */
    private static String normalise(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK has no HMAC-SHA256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
