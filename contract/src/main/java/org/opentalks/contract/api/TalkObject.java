package org.opentalks.contract.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.opentalks.contract.event.ResultMetadata;

/**
 * The talk as D-ID's API shows it (GET /talks/{id}, list items, the DELETE answer, the webhook body).
 * Media fields are signed links that expire unless the talk asked to {@code persist}; beyond D-ID,
 * a finished talk that asked for {@code script.subtitles} links its WebVTT ({@code subtitles_url}, the
 * name D-ID's scenes use) and SRT ({@code subtitles_srt_url}) files. Fields are
 * written in D-ID's order, {@code id} first; absent ones (such as {@code result_url} before the
 * talk is done) are left out, never null.
 */
@JsonPropertyOrder({"id", "object", "user_id", "created_by", "created_at", "started_at", "modified_at", "status",
        "source_url", "driver_url", "audio_url", "result_url", "subtitles_url", "subtitles_srt_url", "duration", "config", "face", "metadata", "user_data",
        "name", "webhook", "error"})
public record TalkObject(String id, String object, String userId, String createdBy, String createdAt,
                         String startedAt, String modifiedAt, String status, String sourceUrl, String driverUrl,
                         String audioUrl, String resultUrl, String subtitlesUrl, String subtitlesSrtUrl,
                         Double duration, Map<String, Object> config,
                         TalkFace face, ResultMetadata metadata, String userData, String name, String webhook,
                         ApiError error) {

    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** D-ID's timestamp form: ISO-8601 with milliseconds and {@code Z}. */
    public static String timestamp(Instant instant) {
        return instant == null ? null : MILLIS_UTC.format(instant);
    }
}
