package org.opentalks.media;

import java.util.List;
import java.util.Optional;

/** What ffprobe reports about a media file: its container and its streams. */
public record ProbeResult(Format format, List<Stream> streams) {
    /**
     * @param formatName ffprobe's demuxer names, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
     * @param durationSeconds NaN when unknown
     */
    public record Format(String formatName, double durationSeconds, long sizeBytes, long bitRate) {
    }

    /**
     * One stream. Fields that do not apply to its type are 0 (numbers), NaN (durations, rates) or null.
     *
     * @param codecType "video", "audio", "subtitle", "data"
     * @param frameRate {@code avg_frame_rate} as a number (25.0 for "25/1")
     * @param frames frames ffprobe decoded when asked to count, else the container's count; -1 when unknown
     */
    public record Stream(int index, String codecType, String codecName, String profile, int width, int height,
                         String pixelFormat, double frameRate, double durationSeconds, long frames,
                         int sampleRate, int channels, long bitRate) {
        public boolean isVideo() {
            return "video".equals(codecType);
        }

        public boolean isAudio() {
            return "audio".equals(codecType);
        }
    }

    /** The first video stream. */
    public Stream video() {
        return firstVideo().orElseThrow(() -> new IllegalStateException("no video stream in " + streams));
    }

    /** The first audio stream. */
    public Stream audio() {
        return firstAudio().orElseThrow(() -> new IllegalStateException("no audio stream in " + streams));
    }

    public Optional<Stream> firstVideo() {
        return streams.stream().filter(Stream::isVideo).findFirst();
    }

    public Optional<Stream> firstAudio() {
        return streams.stream().filter(Stream::isAudio).findFirst();
    }

    public boolean hasAudio() {
        return firstAudio().isPresent();
    }
}
