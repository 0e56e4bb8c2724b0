package org.opentalks.media;

import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** Decodes a video's frames into packed BGR24 arrays. */
public final class VideoFrames implements AutoCloseable {
    /** Receives frame {@code index} (from 0) as a fresh {@code width*height*3} BGR array. */
    @FunctionalInterface
    public interface FrameConsumer {
        void accept(int index, int width, int height, byte[] bgr);
    }

    private final Path video;
    private final FFmpegFrameGrabber grabber;
    private final int frameRateNum;
    private final int frameRateDen;
    private int index;

    private VideoFrames(Path video) {
        if (!Files.isRegularFile(video)) {
            throw new MediaException("no video at " + video);
        }
        Ffmpeg.init();
        this.video = video;
        grabber = new FFmpegFrameGrabber(video.toFile());
        grabber.setPixelFormat(AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("ffmpeg: cannot open " + video + ": " + e.getMessage(), e);
        }
        AVRational rate = Ffmpeg.frameRate(videoStream(grabber.getFormatContext()));
        frameRateNum = rate.num();
        frameRateDen = rate.den();
    }

    /** Opens a video for reading frame by frame with {@link #next()}. */
    public static VideoFrames open(Path video) {
        return new VideoFrames(video);
    }

    /** Calls {@code consumer} for every frame, in order; returns the number of frames. */
    public static int forEach(Path video, FrameConsumer consumer) {
        try (VideoFrames frames = open(video)) {
            byte[] bgr;
            while ((bgr = frames.next()) != null) {
                consumer.accept(frames.index - 1, frames.width(), frames.height(), bgr);
            }
            return frames.index;
        }
    }

    /** Every frame in memory: meant for short clips in tests and analysis. */
    public static List<byte[]> readAll(Path video) {
        List<byte[]> frames = new ArrayList<>();
        forEach(video, (i, w, h, bgr) -> frames.add(bgr));
        return frames;
    }

    public int width() {
        return grabber.getImageWidth();
    }

    public int height() {
        return grabber.getImageHeight();
    }

    /** The stream's average frame rate as a fraction, e.g. 25/1. */
    public int frameRateNumerator() {
        return frameRateNum;
    }

    public int frameRateDenominator() {
        return frameRateDen;
    }

    public double frameRate() {
        return (double) frameRateNum / frameRateDen;
    }

    /** The next frame as a fresh BGR array, or null after the last. */
    public byte[] next() {
        Frame frame;
        try {
            frame = grabber.grabImage();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("ffmpeg: cannot decode frame " + index + " of " + video + ": " + e.getMessage(),
                    e);
        }
        if (frame == null) {
            return null;
        }
        int rowBytes = frame.imageWidth * 3;
        int stride = frame.imageStride;
        byte[] bgr = new byte[rowBytes * frame.imageHeight];
        ByteBuffer pixels = ((ByteBuffer) frame.image[0]).duplicate();
        if (stride == rowBytes) {
            pixels.position(0).get(bgr);
        } else {
            // Decoders pad rows for alignment; keep only the pixels.
            for (int y = 0; y < frame.imageHeight; y++) {
                pixels.position(y * stride).get(bgr, y * rowBytes, rowBytes);
            }
        }
        index++;
        return bgr;
    }

    private AVStream videoStream(AVFormatContext format) {
        for (int i = 0; i < format.nb_streams(); i++) {
            AVStream stream = format.streams(i);
            if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                return stream;
            }
        }
        throw new MediaException(video + " has no video stream");
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new MediaException("ffmpeg: cannot close " + video + ": " + e.getMessage(), e);
        }
    }
}
