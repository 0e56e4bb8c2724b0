package org.opentalks.reenact.onnx;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Test frames: the sample photo as packed BGR, an exact bilinear reference, and per-channel differences. */
final class Frames {
    private Frames() {
    }

    /** A sample photo from {@code opentalks.root}, cropped at the top left to {@code width × height}, packed BGR. */
    static byte[] samplePhotoBgr(String file, int width, int height) throws IOException {
        String root = System.getProperty("opentalks.root");
        assertNotNull(root, "system property opentalks.root is not set (run the tests through Maven)");
        Path path = Path.of(root, ".opentalks", "samples", file);
        assertTrue(Files.isRegularFile(path), path + " is missing: run ./opentalks setup");
        BufferedImage image = ImageIO.read(path.toFile());
        assertNotNull(image, "cannot decode " + path);
        assertTrue(image.getWidth() >= width && image.getHeight() >= height, file + " is smaller than the frame");
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] bgr = new byte[3 * rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            bgr[3 * i] = (byte) rgb[i];
            bgr[3 * i + 1] = (byte) (rgb[i] >> 8);
            bgr[3 * i + 2] = (byte) (rgb[i] >> 16);
        }
        return bgr;
    }

    /** Bilinear sampling in double precision with coordinates clamped to the image (border replication). */
    static byte[] exactRemap(byte[] src, int w, int h, float[] mapX, float[] mapY) {
        byte[] dst = new byte[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            double x = Math.max(0, Math.min(w - 1, mapX[i]));
            double y = Math.max(0, Math.min(h - 1, mapY[i]));
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            int x1 = Math.min(w - 1, x0 + 1);
            int y1 = Math.min(h - 1, y0 + 1);
            double ax = x - x0;
            double ay = y - y0;
            for (int c = 0; c < 3; c++) {
                double top = (1 - ax) * level(src, w, x0, y0, c) + ax * level(src, w, x1, y0, c);
                double bottom = (1 - ax) * level(src, w, x0, y1, c) + ax * level(src, w, x1, y1, c);
                dst[3 * i + c] = (byte) Math.floor((1 - ay) * top + ay * bottom + 0.5);
            }
        }
        return dst;
    }

    private static int level(byte[] bgr, int w, int x, int y, int c) {
        return bgr[3 * (y * w + x) + c] & 0xff;
    }

    /** Per-channel (B, G, R) difference between two packed BGR frames. */
    record Difference(int[] max, double[] mean) {
        static Difference between(byte[] a, byte[] b) {
            int[] max = new int[3];
            double[] mean = new double[3];
            for (int i = 0; i < a.length; i++) {
                int d = Math.abs((a[i] & 0xff) - (b[i] & 0xff));
                max[i % 3] = Math.max(max[i % 3], d);
                mean[i % 3] += d;
            }
            for (int c = 0; c < 3; c++) {
                mean[c] /= a.length / 3.0;
            }
            return new Difference(max, mean);
        }

        int worstMax() {
            return Math.max(max[0], Math.max(max[1], max[2]));
        }

        double worstMean() {
            return Math.max(mean[0], Math.max(mean[1], mean[2]));
        }

        @Override
        public String toString() {
            return String.format("max |d| B/G/R = %d/%d/%d, mean |d| B/G/R = %.4f/%.4f/%.4f",
                    max[0], max[1], max[2], mean[0], mean[1], mean[2]);
        }
    }
}
