package org.opentalks.media;

/**
 * FFmpeg or OpenCV refused an operation (a codec would not open, a file would not demux). These are
 * internal failures of a stage, not something the client of a talk can fix; the exception is the
 * subclass {@link UnusableMediaException}, which blames the client's input.
 */
public class MediaException extends RuntimeException {
    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
