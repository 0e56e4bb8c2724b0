package org.opentalks.media;

import java.util.List;
import java.util.Objects;
import org.opentalks.speech.SubtitleCue;

/**
 * How {@link TalkMuxer} makes the talk file.
 *
 * @param stitch null to keep the frames video's picture, or the photo to put it back into
 * @param logo      null for none, or a picture put over every frame (after stitching)
 * @param subtitles null for none, or cues burned into the picture (over the logo)
 */
public record MuxOptions(ResultFormat format, Stitch stitch, Logo logo, List<SubtitleCue> subtitles) {
    public MuxOptions {
        Objects.requireNonNull(format, "format");
        subtitles = subtitles == null ? null : List.copyOf(subtitles);
    }

    public MuxOptions(ResultFormat format, Stitch stitch, Logo logo) {
        this(format, stitch, logo, null);
    }

    /** A plain talk of the given format: the frames video's picture, no logo. */
    public static MuxOptions of(ResultFormat format) {
        return new MuxOptions(format, null, null);
    }

    /** True when the picture changes, so the H.264 packets cannot be copied as they are. */
    boolean changesPicture() {
        return stitch != null || logo != null || subtitles != null && !subtitles.isEmpty();
    }
}
