package org.opentalks.contract.event;

/**
 * {@code talks.rendered}: the animated face crop, a video without audio, is in the store.
 *
 * @param renderSeconds wall time the render took, for {@code processing_fps}
 */
public record Rendered(DriverMatched matched, String framesKey, int numFrames, double fps, int width, int height,
                       double renderSeconds) implements TalkEvent {
    @Override
    public String talkId() {
        return matched.talkId();
    }

    @Override
    public String owner() {
        return matched.owner();
    }
}
