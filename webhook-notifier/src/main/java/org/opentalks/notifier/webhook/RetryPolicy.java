package org.opentalks.notifier.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a webhook is tried again. Connection errors, timeouts, 5xx, 408 and 429 answers are retried;
 * any other answer ends the delivery (2xx delivered it, 3xx is not followed, 4xx is the receiver's
 * refusal). The n-th retry waits {@code initial × 2^(n-1)}, at most {@code max}, scaled by a jitter in
 * [0.75, 1.25) so that receivers coming back up are not hit by every notifier at once; a 429's or 503's
 * {@code Retry-After} (seconds or an HTTP date) is waited out instead, up to {@code max}. No attempt is
 * made later than {@code retryFor} after the first.
 */
public record RetryPolicy(Duration initial, Duration max, Duration retryFor, DoubleSupplier jitter) {

    /** Whether an answer with this status is worth trying again. */
    public static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    public static boolean delivered(int status) {
        return status >= 200 && status < 300;
    }

    /**
     * When to try again after failed attempt {@code number} (1 for the first), or empty when the
     * retry window that opened at {@code firstAttempt} would be closed by then.
     */
    public Optional<Instant> next(int number, Instant firstAttempt, Instant now, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.map(d -> d.compareTo(max) > 0 ? max : d).orElseGet(() -> backoff(number));
        Instant at = now.plus(wait);
        return at.isAfter(firstAttempt.plus(retryFor)) ? Optional.empty() : Optional.of(at);
    }

    private Duration backoff(int number) {
        double factor = Math.pow(2, Math.min(number - 1, 40));
        double millis = Math.min(initial.toMillis() * factor, max.toMillis());
        return Duration.ofMillis(Math.round(millis * (0.75 + 0.5 * jitter.getAsDouble())));
    }

    /** A {@code Retry-After} header's wait from {@code now}: delay seconds or an HTTP date; empty if absent or unreadable. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
