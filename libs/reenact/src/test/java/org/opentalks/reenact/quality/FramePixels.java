package org.opentalks.reenact.quality;

import java.util.List;
import org.opentalks.contract.document.Point;

/** Pixel statistics of packed BGR24 frames, on luma (ITU-R BT.601 weights). */
final class FramePixels {
    private FramePixels() {
    }

    /** A rectangle of pixels, [x0, x1) × [y0, y1). */
    record Box(int x0, int y0, int x1, int y1) {
        /** The landmarks' bounding box grown by {@code margin} of its size on every side, kept in the frame. */
        static Box around(List<Point> landmarks, double margin, int size) {
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (Point p : landmarks) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
                maxX = Math.max(maxX, p.x());
                maxY = Math.max(maxY, p.y());
            }
            double mx = margin * (maxX - minX);
            double my = margin * (maxY - minY);
            return new Box(Math.max(0, (int) (minX - mx)), Math.max(0, (int) (minY - my)),
                    Math.min(size, (int) Math.ceil(maxX + mx)), Math.min(size, (int) Math.ceil(maxY + my)));
        }

        int pixels() {
            return (x1 - x0) * (y1 - y0);
        }
    }

    /** Luma of every pixel, 0–255. */
    static int[] luma(byte[] bgr) {
        int[] out = new int[bgr.length / 3];
        for (int i = 0, o = 0; i < out.length; i++, o += 3) {
            out[i] = (29 * (bgr[o] & 0xff) + 150 * (bgr[o + 1] & 0xff) + 77 * (bgr[o + 2] & 0xff) + 128) >> 8;
        }
        return out;
    }

    static double mean(int[] luma) {
        long sum = 0;
        for (int v : luma) {
            sum += v;
        }
        return (double) sum / luma.length;
    }

    /**
     * The {@code quantile} of the luma steps between horizontally and vertically adjacent pixels in
     * {@code box}: a frame torn along a row or column shows a line of steps larger than any the
     * photo has, which lifts the top of this distribution.
     */
    static int gradientQuantile(int[] luma, int width, Box box, Box except, double quantile) {
        long[] histogram = new long[256];
        long count = 0;
        for (int y = box.y0(); y < box.y1() - 1; y++) {
            for (int x = box.x0(); x < box.x1() - 1; x++) {
                if (except != null && x >= except.x0() - 1 && x < except.x1() && y >= except.y0() - 1
                        && y < except.y1()) {
                    continue;
                }
                int i = y * width + x;
                histogram[Math.abs(luma[i + 1] - luma[i])]++;
                histogram[Math.abs(luma[i + width] - luma[i])]++;
                count += 2;
            }
        }
        long rank = (long) Math.ceil(quantile * count);
        long seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += histogram[v];
            if (seen >= rank) {
                return v;
            }
        }
        return 255;
    }

    /** Mean absolute luma difference within {@code box}. */
    static double meanAbsDiff(int[] a, int[] b, int width, Box box) {
        long sum = 0;
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(), i = y * width + x; x < box.x1(); x++, i++) {
                sum += Math.abs(a[i] - b[i]);
            }
        }
        return (double) sum / box.pixels();
    }

    /**
     * How far the content of {@code box} in {@code reference} has moved in {@code frame}, in pixels:
     * the integer shift within ±{@code radius} with the least sum of squared differences, refined
     * per axis by a parabola through its neighbours. {@code box} must lie {@code radius + 1} pixels
     * inside the frame.
     */
    static double displacement(int[] reference, int[] frame, int width, Box box, int radius) {
        double[] d = shift(reference, frame, width, box, radius);
        return Math.hypot(d[0], d[1]);
    }

    /** As {@link #displacement}, signed: {dx, dy} in pixels (dy < 0: moved up). */
    static double[] shift(int[] reference, int[] frame, int width, Box box, int radius) {
        int side = 2 * radius + 1;
        double[] ssd = new double[side * side];
        int best = 0;
        for (int dy = -radius; dy <= radius; dy++) {
            for (int dx = -radius; dx <= radius; dx++) {
                long sum = 0;
                for (int y = box.y0(); y < box.y1(); y++) {
                    for (int x = box.x0(), i = y * width + x; x < box.x1(); x++, i++) {
                        int d = frame[i + dy * width + dx] - reference[i];
                        sum += (long) d * d;
                    }
                }
                int k = (dy + radius) * side + dx + radius;
                ssd[k] = sum;
                if (sum < ssd[best]) {
                    best = k;
                }
            }
        }
        int bx = best % side;
        int by = best / side;
        double dx = bx - radius + vertex(ssd, best, bx, 1, side);
        double dy = by - radius + vertex(ssd, best, by, side, side);
        return new double[] {dx, dy};
    }

    /** Offset of the minimum of the parabola through the best shift and its two neighbours along one axis. */
    private static double vertex(double[] ssd, int best, int coordinate, int stride, int side) {
        if (coordinate == 0 || coordinate == side - 1) {
            return 0;
        }
        double before = ssd[best - stride];
        double after = ssd[best + stride];
        double curvature = before - 2 * ssd[best] + after;
        return curvature > 0 ? (before - after) / (2 * curvature) : 0;
    }
}
