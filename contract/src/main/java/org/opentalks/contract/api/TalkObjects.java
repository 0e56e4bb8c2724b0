package org.opentalks.contract.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.UploadUrls;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.TalkSpec;

/** Renders a stored {@link TalkRecord} as D-ID's talk object, with signed links to its media. */
public final class TalkObjects {

    /**
     * @param bucket the store's bucket: {@code s3://bucket/uploads/…} sources are our own uploads and
     *               are shown as signed links, as D-ID shows a presigned copy of the source
     */
    public static TalkObject render(TalkRecord r, MediaUrls media, String bucket) {
        TalkSpec spec = r.spec();
        boolean persist = spec.persist();
        String audio = r.audioKey() != null ? media.url(r.audioKey(), persist)
                : spec.script().isAudio() ? ownUpload(spec.script().audioUrl(), r.owner(), bucket, media, persist) : null;
        return new TalkObject(
                r.id(), "talk", r.owner(), r.owner(),
                TalkObject.timestamp(r.createdAt()), TalkObject.timestamp(r.startedAt()),
                TalkObject.timestamp(r.modifiedAt()), r.status().wire(),
                ownUpload(spec.sourceUrl(), r.owner(), bucket, media, persist), spec.driverUrl(), audio,
                r.resultKey() == null ? null : media.url(r.resultKey(), persist),
                subtitles(r, "vtt", media), subtitles(r, "srt", media),
                r.duration(), config(spec.config()), r.face(), r.metadata(), spec.userData(), spec.name(),
                spec.webhook(),
                r.error() == null ? null : ApiError.of(r.error().kind().name(), r.error().description()));
    }

    /** A done talk's subtitle file (the muxer writes both beside the video) when the script asked for them. */
    private static String subtitles(TalkRecord r, String extension, MediaUrls media) {
        boolean asked = r.spec().script() != null && r.spec().script().subtitles();
        return asked && r.resultKey() != null
                ? media.url(ObjectKeys.subtitles(r.owner(), r.id(), extension), r.spec().persist()) : null;
    }

    /** The owner's own upload as a signed link; any other URL as the client sent it, never signed. */
    private static String ownUpload(String url, String owner, String bucket, MediaUrls media, boolean persist) {
        return UploadUrls.ownKey(url, bucket, owner).map(key -> media.url(key, persist)).orElse(url);
    }

    /** The effective config in D-ID's echo form: every default filled in, result_format with a leading dot. */
    public static Map<String, Object> config(TalkSpec.TalkConfig c) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("stitch", c.stitch());
        echo.put("pad_audio", number(c.padAudio()));
        echo.put("align_driver", c.alignDriver());
        echo.put("sharpen", c.sharpen());
        echo.put("auto_match", c.autoMatch());
        echo.put("normalization_factor", number(c.normalizationFactor()));
        if (c.logo() != null) {
            echo.put("logo", c.logo().disabled() ? Boolean.FALSE
                    : Map.of("url", c.logo().url(), "position", c.logo().position()));
        }
        echo.put("motion_factor", number(c.motionFactor()));
        echo.put("result_format", "." + c.resultFormat());
        echo.put("fluent", c.fluent());
        echo.put("align_expand_factor", number(c.alignExpandFactor()));
        if (c.subtitlesBurn()) {
            echo.put("subtitles_burn", true); // beyond D-ID: echoed only when asked for
        }
        if (c.driverExpressions() != null) {
            List<Map<String, Object>> expressions = c.driverExpressions().expressions().stream()
                    .map(e -> Map.<String, Object>of("start_frame", e.startFrame(), "expression", e.expression(),
                            "intensity", number(e.intensity())))
                    .toList();
            echo.put("driver_expressions", Map.of("expressions", expressions,
                    "transition_frames", c.driverExpressions().transitionFrames()));
        }
        return echo;
    }

    /** Whole numbers as integers ({@code 1}, not {@code 1.0}), as D-ID echoes them. */
    private static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Number) (long) value : (Number) value;
    }

    private TalkObjects() {
    }
}
