package org.opentalks.reenact;

/**
 * The one resampling step of a frame: {@code dst(x, y) = src(mapX[i], mapY[i])} with
 * {@code i = y·width + x}, bilinear interpolation, and the border replicated for positions
 * outside the source. Images are packed BGR24, row-major, {@code width·height·3} bytes; maps hold
 * source pixel coordinates (pixel centres at integers).
 *
 * <p>Two backends: {@link OpenCvResampler} (OpenCV's remap, the CPU default) and
 * {@link org.opentalks.reenact.onnx.OnnxResampler} (a GridSample graph on ONNX Runtime, for CUDA).
 * Both hold native memory: close them.
 */
public interface Resampler extends AutoCloseable {
    void remap(byte[] srcBgr, int width, int height, float[] mapX, float[] mapY, byte[] dstBgr);

    @Override
    void close();
}
