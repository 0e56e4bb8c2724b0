package org.opentalks.media;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link FrameVideoWriter} that encodes on its own thread while the caller renders the next
 * frames, so that rendering and H.264 encoding (each a few milliseconds per 512² frame) run on two
 * cores side by side. Frames are copied into a small pool of buffers, so the caller may reuse its
 * array as soon as {@link #write} returns. The output is the same file the plain writer makes.
 */
public final class PipelinedFrameWriter implements AutoCloseable {
    /** Frames in flight: enough to absorb jitter, small enough to keep memory flat. */
    private static final int DEPTH = 4;
    private static final byte[] END = new byte[0];

    private final FrameVideoWriter writer;
    private final BlockingQueue<byte[]> queued = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread encoder;
    private volatile RuntimeException failure;
    private boolean closed;

    private PipelinedFrameWriter(FrameVideoWriter writer) {
        this.writer = writer;
        this.encoder = new Thread(this::encodeQueued, "frame-encoder");
        encoder.setDaemon(true);
        encoder.start();
    }

    /** Starts a video at {@code out}, as {@link FrameVideoWriter#open}. */
    public static PipelinedFrameWriter open(Path out, int width, int height, double fps) {
        return new PipelinedFrameWriter(FrameVideoWriter.open(out, width, height, fps));
    }

    /** Queues a copy of one packed BGR frame; fails with the encoder's error if encoding failed. */
    public void write(byte[] bgr) {
        rethrowFailure();
        byte[] copy = spare.poll();
        if (copy == null || copy.length != bgr.length) {
            copy = new byte[bgr.length];
        }
        System.arraycopy(bgr, 0, copy, 0, bgr.length);
        put(copy);
    }

    public int framesWritten() {
        return writer.framesWritten();
    }

    private void encodeQueued() {
        try {
            for (byte[] frame = take(); frame != END; frame = take()) {
                if (failure == null) {
                    try {
                        writer.write(frame);
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                }
                spare.offer(frame);
            }
        } catch (InterruptedException e) {
            failure = new MediaException("the frame encoder was interrupted", e);
        }
    }

    /** Encodes what is queued, then finishes the file; the file is complete afterwards. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        put(END);
        try {
            encoder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while finishing the video", e);
        } finally {
            writer.close();
        }
        rethrowFailure();
    }

    private void rethrowFailure() {
        RuntimeException e = failure;
        if (e != null) {
            throw e;
        }
    }

    private byte[] take() throws InterruptedException {
        return queued.take();
    }

    private void put(byte[] frame) {
        try {
            queued.put(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while queueing a frame", e);
        }
    }
}
