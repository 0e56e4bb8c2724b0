package org.opentalks.reenact;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.Point;

/**
 * Cuts the square region that is animated out of the photo and scales it to the frame size.
 * Coordinates follow the landmark convention: pixel centres at integers, so photo pixel
 * {@code i} spans {@code [i − 0.5, i + 0.5)}.
 */
public final class CropExtractor {
    private CropExtractor() {
    }

    /**
     * Returns the {@code size × size} BGR24 image of {@code crop}. Bilinear sampling, the photo's
     * border replicated where the crop extends beyond it; when the crop is more than twice the
     * output size, each output pixel averages a small grid of bilinear taps so it does not alias.
     */
    public static byte[] extract(BufferedImage photo, Box crop, int size) {
        if (size < 1 || !(crop.width() > 0) || !(crop.height() > 0)) {
            throw new IllegalArgumentException("bad crop " + crop + " for size " + size);
        }
        int w = photo.getWidth();
        int h = photo.getHeight();
        int[] argb = photo.getRGB(0, 0, w, h, null, 0, w);
        double sx = crop.width() / size;
        double sy = crop.height() / size;
        int taps = Math.max(1, (int) Math.ceil(Math.max(sx, sy) / 2));
        byte[] out = new byte[size * size * 3];
        double[] acc = new double[3];
        for (int v = 0; v < size; v++) {
            for (int u = 0; u < size; u++) {
                acc[0] = acc[1] = acc[2] = 0;
                for (int ty = 0; ty < taps; ty++) {
                    double y = crop.y() + (v + (ty + 0.5) / taps) * sy - 0.5;
                    for (int tx = 0; tx < taps; tx++) {
                        double x = crop.x() + (u + (tx + 0.5) / taps) * sx - 0.5;
                        sample(argb, w, h, x, y, acc);
                    }
                }
                double norm = 1.0 / (taps * taps);
                int o = 3 * (v * size + u);
                out[o] = (byte) Math.round(acc[0] * norm); // B
                out[o + 1] = (byte) Math.round(acc[1] * norm); // G
                out[o + 2] = (byte) Math.round(acc[2] * norm); // R
            }
        }
        return out;
    }

    /** Maps photo points into the pixel coordinates of the {@code size × size} crop. */
    public static List<Point> toCrop(List<Point> landmarks, Box crop, int size) {
        double kx = size / crop.width();
        double ky = size / crop.height();
        List<Point> out = new ArrayList<>(landmarks.size());
        for (Point p : landmarks) {
            out.add(new Point((p.x() + 0.5 - crop.x()) * kx - 0.5, (p.y() + 0.5 - crop.y()) * ky - 0.5));
        }
        return out;
    }

    /** Adds the bilinear sample at (x, y), border replicated, to {@code acc} as B, G, R. */
    private static void sample(int[] argb, int w, int h, double x, double y, double[] acc) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        double ax = x - fx;
        double ay = y - fy;
        int x0 = clamp((int) fx, w);
        int x1 = clamp((int) fx + 1, w);
        int y0 = clamp((int) fy, h);
        int y1 = clamp((int) fy + 1, h);
        int p00 = argb[y0 * w + x0];
        int p01 = argb[y0 * w + x1];
        int p10 = argb[y1 * w + x0];
        int p11 = argb[y1 * w + x1];
        double w00 = (1 - ax) * (1 - ay);
        double w01 = ax * (1 - ay);
        double w10 = (1 - ax) * ay;
        double w11 = ax * ay;
        for (int c = 0; c < 3; c++) {
            int shift = 8 * c; // B at bits 0–7, G 8–15, R 16–23
            acc[c] += w00 * ((p00 >> shift) & 0xff) + w01 * ((p01 >> shift) & 0xff)
                    + w10 * ((p10 >> shift) & 0xff) + w11 * ((p11 >> shift) & 0xff);
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : Math.min(i, n - 1);
    }
}
