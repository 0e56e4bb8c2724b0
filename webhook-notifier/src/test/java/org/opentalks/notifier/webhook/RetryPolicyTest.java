package org.opentalks.notifier.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When webhooks are tried again, and who signs them. */
class RetryPolicyTest {
    private static final Instant FIRST = Instant.parse("2026-12-04T10:00:00Z");

    private static RetryPolicy policy(double jitter) {
        return new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24), () -> jitter);
    }

    @Test
    void waitsDoubleFromTheFirstUpToTheLongest() {
        RetryPolicy middle = policy(0.5);
        assertEquals(Optional.of(FIRST.plusSeconds(5)), middle.next(1, FIRST, FIRST, Optional.empty()));
        assertEquals(Optional.of(FIRST.plusSeconds(10)), middle.next(2, FIRST, FIRST, Optional.empty()));
        assertEquals(Optional.of(FIRST.plusSeconds(40)), middle.next(4, FIRST, FIRST, Optional.empty()));
        assertEquals(Optional.of(FIRST.plus(Duration.ofHours(1))), middle.next(30, FIRST, FIRST, Optional.empty()));
    }

    @Test
    void jitterSpreadsEachWaitByAQuarter() {
        assertEquals(Optional.of(FIRST.plusMillis(7_500)), policy(0).next(2, FIRST, FIRST, Optional.empty()));
        assertEquals(Optional.of(FIRST.plusMillis(12_500)), policy(1).next(2, FIRST, FIRST, Optional.empty()));
    }

    @Test
    void noAttemptLaterThanTheRetryWindow() {
        Instant late = FIRST.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(30));
        assertEquals(Optional.empty(), policy(0.5).next(30, FIRST, late, Optional.empty()));
        assertTrue(policy(0.5).next(30, FIRST, FIRST.plus(Duration.ofHours(22)), Optional.empty()).isPresent());
    }

    @Test
    void retryAfterIsWaitedOutUpToTheLongestWait() {
        assertEquals(Optional.of(FIRST.plusSeconds(120)), policy(0.5).next(1, FIRST, FIRST,
                Optional.of(Duration.ofSeconds(120))));
        assertEquals(Optional.of(FIRST.plus(Duration.ofHours(1))), policy(0.5).next(1, FIRST, FIRST,
                Optional.of(Duration.ofDays(2))));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryPolicy.retryAfter(" 30 ", FIRST));
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                RetryPolicy.retryAfter("Fri, 04 Dec 2026 10:01:30 GMT", FIRST));
        assertEquals(Optional.of(Duration.ZERO), RetryPolicy.retryAfter("Fri, 04 Dec 2026 09:00:00 GMT", FIRST));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("soon", FIRST));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter("-5", FIRST));
        assertEquals(Optional.empty(), RetryPolicy.retryAfter(null, FIRST));
    }

    @Test
    void serverErrorsTimeoutsAndTooManyRequestsAreRetriedOtherAnswersAreFinal() {
        for (int status : List.of(500, 502, 503, 504, 408, 429)) {
            assertTrue(RetryPolicy.retryable(status), status + " is retried");
        }
        for (int status : List.of(200, 204, 301, 302, 400, 401, 403, 404, 410, 422)) {
            assertFalse(RetryPolicy.retryable(status), status + " is final");
        }
        assertTrue(RetryPolicy.delivered(200) && RetryPolicy.delivered(299) && !RetryPolicy.delivered(302));
    }

    /** The specification's own example: its secret, id, timestamp and payload, and the signature it gives. */
    @Test
    void signsAsTheStandardWebhooksExampleDoes() {
        WebhookSigner signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String body = "{\"test\": 2432232314}";
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anOwnersOwnSecretSignsItsWebhooksTheDefaultTheRest() {
        WebhookSecrets secrets = new WebhookSecrets(Optional.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
                List.of("bob=plain-text-secret"));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String bobs = secrets.forOwner("bob").orElseThrow().sign("msg_1", 1, body);
        String alices = secrets.forOwner("alice").orElseThrow().sign("msg_1", 1, body);
        assertEquals(new WebhookSigner("plain-text-secret").sign("msg_1", 1, body), bobs);
        assertFalse(bobs.equals(alices));
        assertTrue(secrets.signsAll());
        WebhookSecrets ownersOnly = new WebhookSecrets(Optional.empty(), List.of("bob=plain-text-secret"));
        assertTrue(ownersOnly.forOwner("alice").isEmpty());
        assertFalse(ownersOnly.signsAll());
        assertThrows(IllegalArgumentException.class, () -> new WebhookSecrets(Optional.empty(), List.of("bob")));
    }
}
