package org.opentalks.reenact;

import java.util.Arrays;
import java.util.List;
import org.opentalks.contract.document.Point;

/**
 * Builds the dense backward map of a landmark-driven warp: for every output pixel, where to sample
 * the source. A thin-plate spline is fitted to the displacements {@code source − target} at the
 * target points (plus fixed anchors along the frame border, so the frame edge stays put), then
 * evaluated on a coarse grid and bilinearly upsampled to full-size float maps for one
 * {@link Resampler#remap} call. With no displacement the map is exactly the identity.
 *
 * <p>An instance reuses its buffers; it is not thread-safe.
 */
public final class DenseWarp {
    /** Fixed anchors per frame side, corners included. */
    private static final int ANCHORS_PER_SIDE = 9;
    private static final int BORDER_ANCHORS = 4 * (ANCHORS_PER_SIDE - 1);
    /** Kernel-diagonal regulariser, in units of the normalised kernel (image size = 1). */
    private static final double LAMBDA = 1e-7;

    /** A weight in [0, 1] over the image plane. */
    @FunctionalInterface
    interface Weight {
        double at(double x, double y);
    }

    private final int width;
    private final int height;
    private final int step;
    private final int nodesX;
    private final int nodesY;
    private final int coarseX;
    private final int coarseY;
    private final int capacity;
    private final ThinPlateSpline spline;
    private final double[] points;
    private final double[] values;
    private final float[] gridX;
    private final float[] gridY;
    private final float[] coarseGridX;
    private final float[] coarseGridY;
    private final float[] rowX;
    private final float[] rowY;
    private final float[] sample = new float[2];
    private float[] nodeWeight;

    /**
     * @param width     output width in pixels
     * @param height    output height in pixels
     * @param gridStep  spacing of the grid on which the spline is evaluated (8 for 512²)
     * @param maxPoints the most point pairs one {@link #build} call will pass
     */
    public DenseWarp(int width, int height, int gridStep, int maxPoints) {
        if (width < 2 || height < 2 || gridStep < 1) {
            throw new IllegalArgumentException("bad warp size " + width + "x" + height + " step " + gridStep);
        }
        this.width = width;
        this.height = height;
        this.step = gridStep;
        this.nodesX = (width - 1 + gridStep - 1) / gridStep + 1;
        this.nodesY = (height - 1 + gridStep - 1) / gridStep + 1;
        this.coarseX = nodesX / 2 + 1;
        this.coarseY = nodesY / 2 + 1;
        this.capacity = maxPoints + BORDER_ANCHORS;
        this.spline = new ThinPlateSpline(capacity, Math.max(width, height), LAMBDA);
        this.points = new double[2 * capacity];
        this.values = new double[2 * capacity];
        this.gridX = new float[nodesX * nodesY];
        this.gridY = new float[nodesX * nodesY];
        this.coarseGridX = new float[coarseX * coarseY];
        this.coarseGridY = new float[coarseX * coarseY];
        this.rowX = new float[nodesX];
        this.rowY = new float[nodesX];
    }

    /** The grid step that suits a frame of this size: 8 px at 512², never below 4. */
    public static int defaultGridStep(int size) {
        return Math.max(4, size / 64);
    }

    /**
     * Confines the warp to a region: each grid node's displacement is scaled by {@code region}'s
     * weight there, so where the weight is 0 (the background and the body far from the face) the
     * map is exactly the identity and nothing swims, however the spline bends.
     */
    void confine(Weight region) {
        nodeWeight = new float[nodesX * nodesY];
        for (int j = 0; j < nodesY; j++) {
            for (int k = 0; k < nodesX; k++) {
                nodeWeight[j * nodesX + k] = (float) region.at(k * step, j * step);
            }
        }
    }

    /**
     * Writes the backward map that carries each {@code source} point to its {@code target}:
     * {@code mapX/mapY[y·width + x]} is the source position sampled for output pixel (x, y).
     *
     * @param sourceXY interleaved source points {@code x0, y0, x1, y1, …}
     * @param targetXY interleaved target points, same order
     * @param count    number of point pairs
     */
    public void build(double[] sourceXY, double[] targetXY, int count, float[] mapX, float[] mapY) {
        fit(targetXY, sourceXY, count);
        spline.evaluateGrid(nodesX, nodesY, step, gridX, gridY);
        finish(mapX, mapY);
    }

    /**
     * The backward map through two splines in sequence, for a motion made of a smooth global part
     * and a local part: the first carries the targets to the middle points and is evaluated on a
     * grid twice as coarse; the second carries the middle points to the sources and counts only as
     * much as {@code localWeight} allows at each place, so the local motion cannot leak across the
     * whole image the way a thin-plate spline's bending otherwise does.
     */
    void build(double[] sourceXY, double[] middleXY, double[] targetXY, int count, Weight localWeight,
               float[] mapX, float[] mapY) {
        fit(targetXY, middleXY, count);
        if (spline.isZero()) {
            Arrays.fill(gridX, 0);
            Arrays.fill(gridY, 0);
        } else {
            spline.evaluateGrid(coarseX, coarseY, 2 * step, coarseGridX, coarseGridY);
            refine();
        }
        fit(middleXY, sourceXY, count);
        if (!spline.isZero()) {
            for (int j = 0; j < nodesY; j++) {
                for (int k = 0; k < nodesX; k++) {
                    int i = j * nodesX + k;
                    double qx = k * step + gridX[i];
                    double qy = j * step + gridY[i];
                    double w = localWeight.at(qx, qy);
                    if (w > 0) {
                        spline.evaluate(qx, qy, sample);
                        gridX[i] += (float) (w * sample[0]);
                        gridY[i] += (float) (w * sample[1]);
                    }
                }
            }
        }
        finish(mapX, mapY);
    }

    /** Convenience form: builds fresh maps for one pair of landmark lists. */
    public static void build(List<Point> source, List<Point> target, int width, int height,
                             float[] mapX, float[] mapY) {
        if (source.size() != target.size()) {
            throw new IllegalArgumentException("source has " + source.size() + " points, target " + target.size());
        }
        int n = source.size();
        double[] s = new double[2 * n];
        double[] t = new double[2 * n];
        for (int i = 0; i < n; i++) {
            s[2 * i] = source.get(i).x();
            s[2 * i + 1] = source.get(i).y();
            t[2 * i] = target.get(i).x();
            t[2 * i + 1] = target.get(i).y();
        }
        new DenseWarp(width, height, defaultGridStep(Math.max(width, height)), n).build(s, t, n, mapX, mapY);
    }

    /** Fits the spline to the displacements {@code to − from} at {@code from}, plus the border anchors. */
    private void fit(double[] fromXY, double[] toXY, int count) {
        if (count + BORDER_ANCHORS > capacity) {
            throw new IllegalArgumentException(
                    count + " point pairs exceed the capacity " + (capacity - BORDER_ANCHORS));
        }
        int n = 0;
        for (int i = 0; i < count; i++, n++) {
            points[2 * n] = fromXY[2 * i];
            points[2 * n + 1] = fromXY[2 * i + 1];
            values[2 * n] = toXY[2 * i] - fromXY[2 * i];
            values[2 * n + 1] = toXY[2 * i + 1] - fromXY[2 * i + 1];
        }
        double right = width - 1;
        double bottom = height - 1;
        int segments = ANCHORS_PER_SIDE - 1;
        for (int s = 0; s < segments; s++) {
            double fx = right * s / segments;
            double fy = bottom * s / segments;
            n = anchor(n, fx, 0);
            n = anchor(n, right, fy);
            n = anchor(n, right - fx, bottom);
            n = anchor(n, 0, bottom - fy);
        }
        spline.fit(points, values, n);
    }

    private int anchor(int n, double x, double y) {
        points[2 * n] = x;
        points[2 * n + 1] = y;
        values[2 * n] = 0;
        values[2 * n + 1] = 0;
        return n + 1;
    }

    /** Fills the fine grid from the coarse one (every other node), bilinearly. */
    private void refine() {
        for (int j = 0; j < nodesY; j++) {
            int cj = j >> 1;
            int cj1 = Math.min(cj + (j & 1), coarseY - 1);
            for (int k = 0; k < nodesX; k++) {
                int ck = k >> 1;
                int ck1 = Math.min(ck + (k & 1), coarseX - 1);
                int a = cj * coarseX;
                int b = cj1 * coarseX;
                gridX[j * nodesX + k] = 0.25f * (coarseGridX[a + ck] + coarseGridX[a + ck1] + coarseGridX[b + ck]
                        + coarseGridX[b + ck1]);
                gridY[j * nodesX + k] = 0.25f * (coarseGridY[a + ck] + coarseGridY[a + ck1] + coarseGridY[b + ck]
                        + coarseGridY[b + ck1]);
            }
        }
    }

    private void finish(float[] mapX, float[] mapY) {
        if (nodeWeight != null) {
            for (int i = 0; i < nodeWeight.length; i++) {
                gridX[i] *= nodeWeight[i];
                gridY[i] *= nodeWeight[i];
            }
        }
        upsample(mapX, mapY);
    }

    /** Bilinear upsampling of the grid displacements, added to the pixel coordinates. */
    private void upsample(float[] mapX, float[] mapY) {
        float inv = 1f / step;
        for (int y = 0; y < height; y++) {
            int j = y / step;
            float fy = (y - j * step) * inv;
            int top = j * nodesX;
            int below = Math.min(j + 1, nodesY - 1) * nodesX;
            for (int k = 0; k < nodesX; k++) {
                float ax = gridX[top + k];
                float ay = gridY[top + k];
                rowX[k] = ax + (gridX[below + k] - ax) * fy;
                rowY[k] = ay + (gridY[below + k] - ay) * fy;
            }
            int row = y * width;
            for (int k = 0, x0 = 0; x0 < width; k++, x0 += step) {
                float bx = rowX[k];
                float by = rowY[k];
                float sx = (rowX[k + 1] - bx) * inv;
                float sy = (rowY[k + 1] - by) * inv;
                int end = Math.min(step, width - x0);
                int o = row + x0;
                for (int s = 0; s < end; s++) {
                    mapX[o + s] = (x0 + s) + (bx + sx * s);
                    mapY[o + s] = y + (by + sy * s);
                }
            }
        }
    }
}
