package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Against AWS's published Signature Version 4 examples: the signing test suite (credentials AKIDEXAMPLE /
 * wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 2015-08-30T12:36:00Z, us-east-1, service "service") and the
 * General Reference's IAM ListUsers example.
 */
class AwsSigV4Test {
    static final AwsCredentials EXAMPLE = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            null);
    static final Instant WHEN = Instant.parse("2015-08-30T12:36:00Z");
    static final String SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
    static final byte[] EMPTY = new byte[0];

    static AwsSigV4.Signed suite(String method, String url, Map<String, String> headers, String body) {
        return AwsSigV4.sign(method, URI.create(url), headers, body.getBytes(StandardCharsets.UTF_8), EXAMPLE,
                "us-east-1", "service", WHEN);
    }

    @Test
    void getVanilla() {
        AwsSigV4.Signed signed = suite("GET", "https://example.amazonaws.com/", Map.of(), "");
        assertEquals("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", signed.canonicalRequest());
        assertEquals("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signed.authorization());
        assertEquals("20150830T123600Z", signed.headers().get("X-Amz-Date"));
    }

    @Test
    void queryParametersAreSortedBeforeSigning() {
        AwsSigV4.Signed signed = suite("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", Map.of(),
                "");
        assertTrue(signed.canonicalRequest().startsWith("GET\n/\nParam1=value1&Param2=value2\n"));
        assertTrue(signed.authorization().endsWith(
                "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"));
    }

    @Test
    void postVanilla() {
        assertTrue(suite("POST", "https://example.amazonaws.com/", Map.of(), "").authorization().endsWith(
                "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));
    }

    @Test
    void postWithABodyAndASignedContentType() {
        AwsSigV4.Signed signed = suite("POST", "https://example.amazonaws.com/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Param1=value1");
        assertTrue(signed.canonicalRequest().endsWith("\ncontent-type;host;x-amz-date\n"
                + "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"));
        assertEquals("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281", signed.stringToSign());
        assertEquals("AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", signed.authorization());
    }

    @Test
    void theIamListUsersExample() {
        AwsSigV4.Signed signed = AwsSigV4.sign("GET",
                URI.create("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), EMPTY, EXAMPLE,
                "us-east-1", "iam", WHEN);
        assertEquals("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
                + "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59", signed.stringToSign());
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", signed.authorization());
        assertEquals("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9",
                AwsSigV4.hex(AwsSigV4.signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1",
                        "iam")));
    }

    @Test
    void aSessionTokenIsSentAndSigned() {
        AwsCredentials temporary = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "session-token-example");
        AwsSigV4.Signed signed = AwsSigV4.sign("POST", URI.create("https://polly.eu-west-1.amazonaws.com/v1/speech"),
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), temporary,
                "eu-west-1", "polly", WHEN);
        assertEquals("session-token-example", signed.headers().get("X-Amz-Security-Token"));
        assertTrue(signed.authorization().contains("/20150830/eu-west-1/polly/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="));
        assertTrue(signed.canonicalRequest().contains("\nx-amz-security-token:session-token-example\n"));
        assertFalse(signed.toString().contains("session-token-example"));
    }

    @Test
    void aPortThatIsNotTheDefaultIsPartOfTheHost() {
        assertEquals("127.0.0.1:8443", AwsSigV4.host(URI.create("https://127.0.0.1:8443/v1/speech")));
        assertEquals("polly.us-east-1.amazonaws.com",
                AwsSigV4.host(URI.create("https://polly.us-east-1.amazonaws.com:443/v1/speech")));
    }

    @Test
    void encodingIsRfc3986() {
        assertEquals("a%20b%2Fc~d%2Ae%C3%A9", AwsSigV4.encode("a b/c~d*eé"));
        assertEquals("/v1/voices", AwsSigV4.canonicalUri("/v1/voices"));
        // Non-S3 paths are encoded once more than they are sent.
        assertEquals("/a%2520b", AwsSigV4.canonicalUri("/a%20b"));
        assertEquals("A=%2B1&a=x%20y&b=", AwsSigV4.canonicalQuery("b&a=x%20y&A=+1"));
    }
}
