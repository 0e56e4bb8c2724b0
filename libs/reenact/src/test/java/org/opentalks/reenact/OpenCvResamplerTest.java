package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OpenCvResamplerTest {

    /** Straightforward bilinear sampling with the border replicated: the reference. */
    static void referenceRemap(byte[] src, int w, int h, float[] mapX, float[] mapY, byte[] dst) {
        for (int i = 0; i < w * h; i++) {
            double x = mapX[i];
            double y = mapY[i];
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            double ax = x - x0;
            double ay = y - y0;
            int xa = Math.max(0, Math.min(w - 1, x0));
            int xb = Math.max(0, Math.min(w - 1, x0 + 1));
            int ya = Math.max(0, Math.min(h - 1, y0));
            int yb = Math.max(0, Math.min(h - 1, y0 + 1));
            for (int c = 0; c < 3; c++) {
                double top = (1 - ax) * (src[3 * (ya * w + xa) + c] & 0xff) + ax * (src[3 * (ya * w + xb) + c] & 0xff);
                double low = (1 - ax) * (src[3 * (yb * w + xa) + c] & 0xff) + ax * (src[3 * (yb * w + xb) + c] & 0xff);
                double v = (1 - ay) * top + ay * low;
                dst[3 * i + c] = (byte) Math.round(v);
            }
        }
    }

    /** A photo-like random image: random low-frequency waves plus a little noise. */
    static byte[] smoothRandomImage(int w, int h, Random random) {
        double[][] waves = new double[6][4];
        for (double[] wave : waves) {
            wave[0] = random.nextDouble() * 0.08;
            wave[1] = random.nextDouble() * 0.08;
            wave[2] = random.nextDouble() * 2 * Math.PI;
            wave[3] = 10 + 15 * random.nextDouble();
        }
        byte[] img = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 128 + 3 * random.nextGaussian();
                    for (int k = 0; k < waves.length; k++) {
                        double[] wave = waves[(k + c) % waves.length];
                        v += wave[3] * Math.sin(wave[0] * x + wave[1] * y + wave[2]);
                    }
                    img[3 * (y * w + x) + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return img;
    }

    static int maxDifference(byte[] a, byte[] b) {
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs((a[i] & 0xff) - (b[i] & 0xff)));
        }
        return worst;
    }

    @Test
    void matchesJavaBilinearOnRandomImageAndMaps() {
        Random random = new Random(42);
        for (int size : new int[] {512, 200}) { // a second size: the native buffers are reallocated
            byte[] src = smoothRandomImage(size, size, random);
            float[] mapX = new float[size * size];
            float[] mapY = new float[size * size];
            for (int i = 0; i < size * size; i++) {
                // Anywhere in the image and up to 20 px beyond it, so the border is exercised too.
                mapX[i] = (float) (-20 + (size + 40) * random.nextDouble());
                mapY[i] = (float) (-20 + (size + 40) * random.nextDouble());
            }
            byte[] expected = new byte[size * size * 3];
            byte[] actual = new byte[size * size * 3];
            referenceRemap(src, size, size, mapX, mapY, expected);
            try (OpenCvResampler resampler = new OpenCvResampler()) {
                resampler.remap(src, size, size, mapX, mapY, actual);
                int worst = maxDifference(expected, actual);
                assertTrue(worst <= 1, "OpenCV remap differs from bilinear by " + worst + " levels at " + size);
            }
        }
    }

    @Test
    void matchesExactlyOnNoiseWhenPositionsAreOnOpenCvsSubPixelGrid() {
        // OpenCV rounds positions to 1/32 px; on that grid it must agree with the reference even
        // on white noise, where neighbouring pixels differ by up to 255.
        Random random = new Random(7);
        int w = 300;
        int h = 180;
        byte[] src = new byte[w * h * 3];
        random.nextBytes(src);
        float[] mapX = new float[w * h];
        float[] mapY = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            mapX[i] = (float) Math.round((-10 + (w + 20) * random.nextDouble()) * 32) / 32;
            mapY[i] = (float) Math.round((-10 + (h + 20) * random.nextDouble()) * 32) / 32;
        }
        byte[] expected = new byte[w * h * 3];
        byte[] actual = new byte[w * h * 3];
        referenceRemap(src, w, h, mapX, mapY, expected);
        try (OpenCvResampler resampler = new OpenCvResampler()) {
            resampler.remap(src, w, h, mapX, mapY, actual);
        }
        int worst = maxDifference(expected, actual);
        assertTrue(worst <= 1, "OpenCV remap differs from bilinear by " + worst + " levels on noise");
    }
}
