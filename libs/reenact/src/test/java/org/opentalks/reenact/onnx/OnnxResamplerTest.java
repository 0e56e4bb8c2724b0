package org.opentalks.reenact.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.opentalks.reenact.OpenCvResampler;
import org.opentalks.reenact.Resampler;
import org.opentalks.reenact.onnx.OnnxResampler.Device;

class OnnxResamplerTest {
    private static final int SIZE = 512;

    /**
     * A warp like the animation's but stronger: 4° rotation and a 1.08 zoom-out about the centre plus a smooth
     * sinusoidal displacement of 5–6 px. The zoom-out sends a band of some 20 px along every edge outside the
     * photo, exercising the border replication.
     */
    private static float[][] smoothWarp(int w, int h) {
        float[] mapX = new float[w * h];
        float[] mapY = new float[w * h];
        double angle = Math.toRadians(4);
        double scale = 1.08;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double u = x - cx;
                double v = y - cy;
                int i = y * w + x;
                mapX[i] = (float) (cx + scale * (Math.cos(angle) * u - Math.sin(angle) * v)
                        + 6 * Math.sin(2 * Math.PI * y / 170));
                mapY[i] = (float) (cy + scale * (Math.sin(angle) * u + Math.cos(angle) * v)
                        + 5 * Math.sin(2 * Math.PI * x / 130 + 0.7));
            }
        }
        return new float[][] {mapX, mapY};
    }

    private static double outsideFraction(float[] mapX, float[] mapY, int w, int h) {
        int outside = 0;
        for (int i = 0; i < mapX.length; i++) {
            if (mapX[i] < 0 || mapX[i] > w - 1 || mapY[i] < 0 || mapY[i] > h - 1) {
                outside++;
            }
        }
        return outside / (double) mapX.length;
    }

    private static byte[] remap(Resampler resampler, byte[] src, int w, int h, float[][] map) {
        byte[] dst = new byte[src.length];
        resampler.remap(src, w, h, map[0], map[1], dst);
        return dst;
    }

    @Test
    void matchesOpenCvOnAWarpedPhoto() throws IOException {
        byte[] photo = Frames.samplePhotoBgr("astronaut.png", SIZE, SIZE);
        float[][] map = smoothWarp(SIZE, SIZE);
        double outside = outsideFraction(map[0], map[1], SIZE, SIZE);
        assertTrue(outside > 0.05, "the warp should reach outside the photo, reaches " + outside);

        try (OpenCvResampler openCv = new OpenCvResampler();
             OnnxResampler onnx = new OnnxResampler(Device.CPU)) {
            assertEquals(OnnxResampler.CPU_EXECUTION_PROVIDER, onnx.executionProvider());
            byte[] byOpenCv = remap(openCv, photo, SIZE, SIZE, map);
            byte[] byOnnx = remap(onnx, photo, SIZE, SIZE, map);
            byte[] exact = Frames.exactRemap(photo, SIZE, SIZE, map[0], map[1]);

            Frames.Difference onnxVsOpenCv = Frames.Difference.between(byOnnx, byOpenCv);
            Frames.Difference onnxVsExact = Frames.Difference.between(byOnnx, exact);
            Frames.Difference openCvVsExact = Frames.Difference.between(byOpenCv, exact);
            System.out.printf("512x512 warped astronaut (%.1f %% of the map outside):%n  ONNX vs OpenCV: %s%n"
                    + "  ONNX vs exact:  %s%n  OpenCV vs exact: %s%n",
                    100 * outside, onnxVsOpenCv, onnxVsExact, openCvVsExact);

            // ONNX GridSample computes in float: only a sum landing within float error of a .5 rounds differently.
            assertTrue(onnxVsExact.worstMax() <= 1, "ONNX vs exact bilinear: " + onnxVsExact);
            assertTrue(onnxVsExact.worstMean() < 0.001, "ONNX vs exact bilinear: " + onnxVsExact);
            // cv::remap rounds each coordinate to 1/32 px (INTER_BITS = 5): an error up to 1/64 px times the local
            // gradient, a few levels on the photo's sharpest edges and nothing on smooth skin. Measured on this
            // frame: max 3, mean 0.070-0.078 per channel (OpenCV vs exact gives the same); bounds a little above.
            assertTrue(onnxVsOpenCv.worstMax() <= 4, "ONNX vs OpenCV: " + onnxVsOpenCv);
            assertTrue(onnxVsOpenCv.worstMean() < 0.15, "ONNX vs OpenCV: " + onnxVsOpenCv);

            System.out.printf("warm per-frame time at 512x512: OpenCV %.2f ms, ONNX Runtime (%s) %.2f ms%n",
                    meanFrameMillis(openCv, photo, map), onnx.executionProvider(), meanFrameMillis(onnx, photo, map));
        }
    }

    /** Mean of 50 frames after 5 warm-up frames; printed, never asserted (machines are noisy). */
    private static double meanFrameMillis(Resampler resampler, byte[] photo, float[][] map) {
        byte[] dst = new byte[photo.length];
        for (int i = 0; i < 5; i++) {
            resampler.remap(photo, SIZE, SIZE, map[0], map[1], dst);
        }
        int frames = 50;
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            resampler.remap(photo, SIZE, SIZE, map[0], map[1], dst);
        }
        return (System.nanoTime() - start) / 1e6 / frames;
    }

    /** The {@code w × h} patch of the sample photo (at 512²) whose top-left corner is (x, y). */
    private static byte[] photoPatch(int x, int y, int w, int h) throws IOException {
        byte[] photo = Frames.samplePhotoBgr("astronaut.png", SIZE, SIZE);
        byte[] patch = new byte[3 * w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(photo, 3 * ((y + row) * SIZE + x), patch, 3 * row * w, 3 * w);
        }
        return patch;
    }

    @Test
    void identityMapReproducesThePhoto() throws IOException {
        byte[] photo = Frames.samplePhotoBgr("astronaut.png", SIZE, SIZE);
        float[][] identity = new float[2][SIZE * SIZE];
        for (int i = 0; i < SIZE * SIZE; i++) {
            identity[0][i] = i % SIZE;
            identity[1][i] = i / SIZE;
        }
        try (OnnxResampler onnx = new OnnxResampler(Device.CPU)) {
            assertArrayEquals(photo, remap(onnx, photo, SIZE, SIZE, identity));
        }
    }

    @Test
    void nonSquareFrameMatchesOpenCv() throws IOException {
        // 96 wide, 64 high, and a warp that treats the axes differently: a width/height mix-up cannot pass.
        int w = 96;
        int h = 64;
        // The helmet and the face's upper half: content that varies along both axes.
        byte[] crop = photoPatch(180, 150, w, h);
        float[][] map = new float[2][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                map[0][y * w + x] = (float) (0.9 * x + 0.12 * y + 7.3 + 2 * Math.sin(y / 9.0));
                map[1][y * w + x] = (float) (1.1 * y - 0.05 * x - 4.6);
            }
        }
        assertTrue(outsideFraction(map[0], map[1], w, h) > 0.05, "the warp should reach outside the frame");
        try (OpenCvResampler openCv = new OpenCvResampler();
             OnnxResampler onnx = new OnnxResampler(Device.CPU)) {
            byte[] byOnnx = remap(onnx, crop, w, h, map);
            Frames.Difference vsOpenCv = Frames.Difference.between(byOnnx, remap(openCv, crop, w, h, map));
            Frames.Difference vsExact = Frames.Difference.between(byOnnx,
                    Frames.exactRemap(crop, w, h, map[0], map[1]));
            System.out.println("96x64: ONNX vs OpenCV " + vsOpenCv + "; ONNX vs exact " + vsExact);
            assertTrue(vsExact.worstMax() <= 1, "ONNX vs exact bilinear: " + vsExact);
            assertTrue(vsOpenCv.worstMax() <= 4 && vsOpenCv.worstMean() < 0.15, "ONNX vs OpenCV: " + vsOpenCv);

            // The transposed size gets its own session from the same instance (sessions are cached per size),
            // and the first size still gives the same frame afterwards.
            float[][] tall = new float[2][w * h];
            for (int i = 0; i < w * h; i++) {
                tall[0][i] = i % h + 0.3f;
                tall[1][i] = i / h - 0.6f;
            }
            byte[] byOnnxTall = remap(onnx, crop, h, w, tall);
            Frames.Difference tallVsExact = Frames.Difference.between(byOnnxTall,
                    Frames.exactRemap(crop, h, w, tall[0], tall[1]));
            assertTrue(tallVsExact.worstMax() <= 1, "64x96 ONNX vs exact bilinear: " + tallVsExact);
            assertArrayEquals(byOnnx, remap(onnx, crop, w, h, map));
        }
    }

    @Test
    void cudaFallsBackToTheCpuWhereOnnxRuntimeHasNoCuda() throws IOException {
        int w = 96;
        int h = 64;
        byte[] crop = photoPatch(200, 200, w, h);
        float[][] shifted = new float[2][w * h];
        for (int i = 0; i < w * h; i++) {
            shifted[0][i] = i % w + 0.25f;
            shifted[1][i] = i / w - 0.5f;
        }
        try (OnnxResampler onnx = new OnnxResampler(Device.CUDA)) {
            byte[] dst = remap(onnx, crop, w, h, shifted);
            System.out.println("CUDA requested: runs on " + onnx.executionProvider()
                    + onnx.cudaFallbackReason().map(r -> " (" + r + ")").orElse(""));
            if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                // The module depends on the CPU-only onnxruntime jar.
                assertEquals(OnnxResampler.CPU_EXECUTION_PROVIDER, onnx.executionProvider());
                assertTrue(onnx.cudaFallbackReason().isPresent(), "the fallback should say why");
            } else {
                assertEquals(onnx.cudaFallbackReason().isPresent() ? OnnxResampler.CPU_EXECUTION_PROVIDER
                        : OnnxResampler.CUDA_EXECUTION_PROVIDER, onnx.executionProvider());
            }
            Frames.Difference vsExact = Frames.Difference.between(dst, Frames.exactRemap(crop, w, h, shifted[0],
                    shifted[1]));
            assertTrue(vsExact.worstMax() <= 1, "ONNX vs exact bilinear after the fallback: " + vsExact);
        }
    }
}
