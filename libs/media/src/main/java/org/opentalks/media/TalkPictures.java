package org.opentalks.media;

import java.nio.file.Path;
import java.util.List;
import org.opentalks.speech.SubtitleCue;

/**
 * The talk's pictures, frame by frame: the frames video decoded, stitched back into the photo when
 * asked, with the logo on top and subtitles burned in over it. The compositor and the logo are set up once and survive
 * {@link #rewind()}, which lets a two-pass encoder (GIF) read the video again.
 */
final class TalkPictures implements AutoCloseable {
    private final Path framesVideo;
    private VideoFrames frames;
    private final StitchCompositor compositor;
    private final LogoOverlay logo;
    private final SubtitleOverlay subtitles;
    private int index;
    private final int width;
    private final int height;
    private final byte[] composed;

    TalkPictures(Path framesVideo, MuxOptions options) {
        this(framesVideo, options.stitch(), options.logo(), options.subtitles());
    }

    private TalkPictures(Path framesVideo, Stitch stitch, Logo logo, List<SubtitleCue> cues) {
        this.framesVideo = framesVideo;
        frames = VideoFrames.open(framesVideo);
        try {
            compositor = stitch == null ? null
                    : new StitchCompositor(stitch.photo(), stitch.crop(), frames.width(), frames.height());
            width = compositor == null ? frames.width() : compositor.width();
            height = compositor == null ? frames.height() : compositor.height();
            this.logo = logo == null ? null : new LogoOverlay(logo, width, height);
            this.subtitles = cues == null || cues.isEmpty() ? null : new SubtitleOverlay(cues, width, height);
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
        if (subtitles != null) {
            subtitles.applyToFrame(picture, index, (double) frames.frameRateNumerator() / frames.frameRateDenominator());
        }
        index++;
        return picture;
    }

    /** Decodes past the next picture without composing it; false after the last. */
    boolean skip() {
        index++;
        return frames.next() != null;
    }

    /** Starts again from the first frame. */
    void rewind() {
        frames.close();
        frames = null;
        frames = VideoFrames.open(framesVideo);
        index = 0;
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
