package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avutil.av_d2q;

import java.nio.file.Path;

/**
 * Writes packed BGR frames to an H.264 MP4 without audio (yuv420p, constant frame rate, faststart).
 * Meant for the rendered frames, an intermediate that the muxer later copies into the talk, so the
 * rate is generous: {@value #BITS_PER_PIXEL} bit per pixel per frame, ~6.5 Mbit/s at 512x512, 25 fps.
 */
public final class FrameVideoWriter implements AutoCloseable {
    static final double BITS_PER_PIXEL = 1.0;

    private final Path file;
    private final ContainerWriter out;
    private final H264Encoder encoder;
    private boolean closed;

    private FrameVideoWriter(Path file, int width, int height, double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("the frame rate must be positive, not " + fps);
        }
        this.file = file;
        out = new ContainerWriter(file);
        try {
            encoder = new H264Encoder(out, width, height, av_d2q(fps, 100_000),
                    Math.round(BITS_PER_PIXEL * width * height * fps));
            out.begin();
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Starts a video at {@code out}; width and height must be even (yuv420p). */
    public static FrameVideoWriter open(Path out, int width, int height, double fps) {
        return new FrameVideoWriter(out, width, height, fps);
    }

    /** Appends one frame of {@code width*height*3} bytes, packed BGR, row-major. */
    public void write(byte[] bgr) {
        if (closed) {
            throw new IllegalStateException(file + " is already closed");
        }
        encoder.encode(bgr);
    }

    public int framesWritten() {
        return encoder.framesEncoded();
    }

    /** Flushes the encoder and writes the index; the file is complete afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            encoder.finish();
            out.finish();
        } finally {
            encoder.close();
            out.close();
        }
    }
}
