package org.opentalks.media;

/** What {@link TalkMuxer} wrote: the frame count, the common length of video and audio, the size. */
public record MuxResult(int numFrames, double durationSeconds, int width, int height, long sizeBytes) {
}
