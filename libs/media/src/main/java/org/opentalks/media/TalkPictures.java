package org.opentalks.media;

import java.nio.file.Path;

/**
 * The talk's pictures, frame by frame: the frames video decoded, stitched back into the photo when
 * asked, with the logo on top. The compositor and the logo are set up once and survive
 * {@link #rewind()}, which lets a two-pass encoder (GIF) read the video again.
 */
final class TalkPictures implements AutoCloseable {
    private final Path framesVideo;
    private VideoFrames frames;
    private final StitchCompositor compositor;
    private final LogoOverlay logo;
    private final int width;
    private final int height;
    private final byte[] composed;

    TalkPictures(Path framesVideo, Stitch stitch, Logo logo) {
        this.framesVideo = framesVideo;
        frames = VideoFrames.open(framesVideo);
        try {
            compositor = stitch == null ? null
                    : new StitchCompositor(stitch.photo(), stitch.crop(), frames.width(), frames.height());
            width = compositor == null ? frames.width() : compositor.width();
            height = compositor == null ? frames.height() : compositor.height();
            this.logo = logo == null ? null : new LogoOverlay(logo, width, height);
            composed = compositor == null ? null : new byte[width * height * 3];
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int frameRateNumerator() {
        return frames.frameRateNumerator();
    }

    int frameRateDenominator() {
        return frames.frameRateDenominator();
    }

    /**
     * The next picture as a {@code width*height*3} BGR array, or null after the last. The array may be
     * reused by the following call.
     */
    byte[] next() {
        byte[] frame = frames.next();
        if (frame == null) {
            return null;
        }
        byte[] picture = frame;
        if (compositor != null) {
            compositor.compose(frame, composed);
            picture = composed;
        }
        if (logo != null) {
            logo.apply(picture);
        }
        return picture;
    }

    /** Decodes past the next picture without composing it; false after the last. */
    boolean skip() {
        return frames.next() != null;
    }

    /** Starts again from the first frame. */
    void rewind() {
        frames.close();
        frames = null;
        frames = VideoFrames.open(framesVideo);
    }

    @Override
    public void close() {
        try {
            if (frames != null) {
                frames.close();
            }
        } finally {
            if (compositor != null) {
                compositor.close();
            }
        }
    }
}
