package org.opentalks.media;

import java.util.Objects;

/**
 * A file or picture the client supplied cannot be used: not media, no audio, too long, a logo that
 * does not fit the video. Unlike its parent, the client can fix this by sending something else, and
 * the message is written for them (it names no server paths).
 */
public class UnusableMediaException extends MediaException {
    /** What is wrong, for callers that answer each case differently (D-ID's error kinds). */
    public enum Reason {
        /** Not an audio or video file in a format this library reads. */
        NOT_MEDIA,
        /** Media without an audio stream. */
        NO_AUDIO,
        /** Audio longer than the caller's limit. */
        TOO_LONG,
        /** An audio stream that cannot be decoded: unknown codec, damaged data, no samples. */
        UNDECODABLE,
        /** A logo larger than the video, or placed entirely outside it. */
        LOGO_DOES_NOT_FIT
    }

    private final Reason reason;

    public UnusableMediaException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
