package org.opentalks.contract.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.opentalks.contract.event.ResultMetadata;

/**
 * The talk as D-ID's API shows it (GET /talks/{id}, the webhook body). Media fields are presigned
 * http URLs that expire.
 */
public record TalkObject(String id, String object, String userId, String createdBy, String createdAt,
                         String startedAt, String modifiedAt, String status, String sourceUrl, String driverUrl,
                         String audioUrl, String resultUrl, Double duration, Map<String, Object> config,
                         ResultMetadata metadata, String userData, String name, String webhook, ApiError error) {

    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** D-ID's timestamp form: ISO-8601 with milliseconds and {@code Z}. */
    public static String timestamp(Instant instant) {
        return instant == null ? null : MILLIS_UTC.format(instant);
    }
}
