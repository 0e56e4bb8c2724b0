package org.opentalks.reenact;

import java.io.IOException;

/** Receives the animated frames in order. */
@FunctionalInterface
public interface FrameSink {
    /**
     * Takes frame {@code index} (packed BGR24). The array belongs to the animator and is
     * overwritten by the next frame: copy it if it must outlive this call.
     */
    void accept(int index, byte[] bgr) throws IOException;
}
