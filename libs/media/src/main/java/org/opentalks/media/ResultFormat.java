package org.opentalks.media;

import java.util.Locale;

/**
 * The talk's file type, D-ID's {@code config.result_format}. MP4 and MOV carry the same H.264 and
 * AAC streams in two flavours of the same box structure (MOV is QuickTime, MP4 its ISO descendant);
 * GIF is a silent, looping animation.
 */
public enum ResultFormat {
    MP4("mp4", "video/mp4"),
    MOV("mov", "video/quicktime"),
    GIF("gif", "image/gif");

    private final String extension;
    private final String mimeType;

    ResultFormat(String extension, String mimeType) {
        this.extension = extension;
        this.mimeType = mimeType;
    }

    /** The file name extension without the dot; also the FFmpeg muxer's name. */
    public String extension() {
        return extension;
    }

    public String mimeType() {
        return mimeType;
    }

    public boolean hasAudio() {
        return this != GIF;
    }

    /** D-ID's value ("mp4", "mov", "gif"), in any case. */
    public static ResultFormat fromName(String name) {
        for (ResultFormat format : values()) {
            if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown result format \"" + name + "\": expected mp4, mov or gif");
    }
}
