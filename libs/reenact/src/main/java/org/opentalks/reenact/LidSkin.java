package org.opentalks.reenact;

/**
 * Closing eyelids made of the lid itself. A blink's warp draws the lid band down over the eye, which
 * stretches the open eye's lashes into a soft dark smear; here the part of the eye the upper lid has
 * travelled over is covered with the photo's own upper-lid skin (a strip taken above the lashes, column
 * by column, so it keeps the photo's lighting across the lid and its grain), stretched from above the
 * lid's crease down to its edge in this frame (a shutting lid unfolds its crease), and the lash line is
 * drawn again, crisp, at the moving edge in the lashes' own colour.
 *
 * <p>Everything is placed from the frame's control points: the lid's edge in the frame (36–39 and
 * 42–45) and where it would rest without the blink (the same points less the blink's travel, carried
 * through the head's pose, an affine fit of the eye corners and the nose bridge).
 *
 * <p>Reuses its buffers; not thread-safe.
 */
final class LidSkin {
    /**
     * The skin strip's rows above the lid's edge (iod). Just above the lashes (0.05–0.1) the lid is
     * in the eye's shadow and a lid of it reads as a dark almond, which the detector takes for an
     * open eye (0.43–0.51 of the open eye's aspect ratio at a blink's middle); from 0.09 to 0.16 it
     * reads as a pale patch; this band matches the skin around the eye (0.32–0.38).
     */
    private static final double STRIP_FROM = 0.07;
    private static final double STRIP_TO = 0.13;
    /** Half-width (iod) of the smoothing along the strip. */
    private static final double STRIP_SMOOTHING = 0.02;
    /** Lash line: half-height (iod) and how dark it is drawn. */
    private static final double LASH_SIGMA = 0.009;
    private static final double LASH_OPACITY = 0.75;
    /** Share of the eye's width over which the lid's skin, and the lash line, fade out at each corner. */
    private static final double CORNER_FADE = 0.06;
    private static final double LASH_CORNER = 0.03;
    /** How far (pixels) a shutting lid's skin and lash line reach past its edge: over the last of the eye. */
    private static final double LID_OVERLAP = 1.0;
    /**
     * How far (iod) above the lid's resting edge the skin also covers, fading in: the blink's smear
     * and the crease, which would otherwise stay as an arc that outlines an open eye.
     */
    private static final double COVER_ABOVE = 0.08;
    /** Samples of each lid curve (three spans of 10 and the end). */
    private static final int DENSE = 31;
    /** The lid is painted fully once the blink has closed this share of the eye. */
    private static final double FULL_FROM = 0.3;
    /** Points the blink and the expressions leave alone: the eye corners and the nose bridge. */
    private static final int[] STEADY = {36, 39, 42, 45, 27, 28, 29, 30};

    private final Eye[] eyes;
    private final double iod;
    private final double[] source;
    /** The head's pose around the eyes ({@link AffineFit}). */
    private final double[] pose = new double[6];

    /** One eye's lid: its edge points and the photo's skin strip and lash colours along it. */
    private static final class Eye {
        final int[] edge;
        final int columns;
        final int rows;
        /** BGR per column and row of the strip, top row first. */
        final float[] strip;
        /** BGR of the lashes per column. */
        final float[] lash;
        final double[] frameX = new double[4];
        final double[] frameY = new double[4];
        final double[] restY = new double[4];
        final double[] denseX = new double[DENSE];
        final double[] denseEdge = new double[DENSE];
        final double[] denseRest = new double[DENSE];

        Eye(int[] edge, int columns, int rows) {
            this.edge = edge;
            this.columns = columns;
            this.rows = rows;
            this.strip = new float[3 * columns * rows];
            this.lash = new float[3 * columns];
        }
    }

    /**
     * Takes each upper lid's skin and lash colours from the photo.
     *
     * @param sourceBgr the source crop
     * @param points    the control points in the source, landmarks first (interleaved x, y)
     * @param iod       inter-ocular distance (pixels)
     */
    LidSkin(byte[] sourceBgr, int size, double[] points, double iod) {
        this.iod = iod;
        this.source = points.clone();
        eyes = new Eye[] {take(sourceBgr, size, points, Landmarks.LEFT_LIDS.top()),
            take(sourceBgr, size, points, Landmarks.RIGHT_LIDS.top())};
    }

    private Eye take(byte[] bgr, int size, double[] p, int[] edge) {
        double x0 = p[2 * edge[0]];
        double x1 = p[2 * edge[edge.length - 1]];
        int columns = Math.max(2, (int) Math.round(x1 - x0) + 1);
        int rows = Math.max(2, (int) Math.round((STRIP_TO - STRIP_FROM) * iod));
        Eye eye = new Eye(edge, columns, rows);
        double[] xs = new double[edge.length];
        double[] ys = new double[edge.length];
        for (int k = 0; k < edge.length; k++) {
            xs[k] = p[2 * edge[k]];
            ys[k] = p[2 * edge[k] + 1];
        }
        float[] darkest = new float[3 * columns];
        for (int c = 0; c < columns; c++) {
            double x = x0 + (x1 - x0) * c / (columns - 1);
            double edgeY = Curves.linearAt(xs, ys, x);
            for (int r = 0; r < rows; r++) {
                double y = edgeY - STRIP_TO * iod + (STRIP_TO - STRIP_FROM) * iod * r / (rows - 1);
                bilinear(bgr, size, x, y, eye.strip, 3 * (r * columns + c));
            }
            // The lashes: the darkest pixel within 0.02 iod of the edge.
            double best = Double.MAX_VALUE;
            for (int dy = (int) Math.floor(-0.02 * iod); dy <= (int) Math.ceil(0.01 * iod); dy++) {
                int xi = clampIndex((int) Math.round(x), size);
                int yi = clampIndex((int) Math.round(edgeY) + dy, size);
                int o = 3 * (yi * size + xi);
                double luma = 0.114 * (bgr[o] & 0xff) + 0.587 * (bgr[o + 1] & 0xff) + 0.299 * (bgr[o + 2] & 0xff);
                if (luma < best) {
                    best = luma;
                    for (int k = 0; k < 3; k++) {
                        darkest[3 * c + k] = bgr[o + k] & 0xff;
                    }
                }
            }
        }
        // The strip is stretched down the lid: smoothed along it first, so that no column's grain draws a streak.
        smoothAlong(eye.strip, eye.strip, columns, rows, Math.max(1, (int) Math.round(STRIP_SMOOTHING * iod)));
        // Lash colour varies slowly along the lid: a moving average over a fifth of the eye.
        smoothAlong(darkest, eye.lash, columns, 1, Math.max(1, columns / 10));
        return eye;
    }

    /**
     * @param bgr         the warped frame, modified in place
     * @param articulated control points after the blink's closure, before expressions and pose
     * @param target      the same in the frame
     * @param blink       eyelid closure in [0, 1]
     */
    void paint(byte[] bgr, int size, double[] articulated, double[] target, double blink) {
        if (blink <= 0) {
            return;
        }
        AffineFit.fit(articulated, target, STEADY, pose);
        double strength = Blink.smoothstep(blink / FULL_FROM);
        for (Eye eye : eyes) {
            for (int k = 0; k < eye.edge.length; k++) {
                int i = eye.edge[k];
                double dx = articulated[2 * i] - source[2 * i];
                double dy = articulated[2 * i + 1] - source[2 * i + 1];
                eye.frameX[k] = target[2 * i];
                eye.frameY[k] = target[2 * i + 1];
                eye.restY[k] = target[2 * i + 1] - (pose[3] * dx + pose[4] * dy);
            }
            paintEye(bgr, size, eye, strength);
        }
    }

    private void paintEye(byte[] bgr, int size, Eye eye, double strength) {
        smooth(eye.frameX, eye.frameY, eye.denseX, eye.denseEdge);
        smooth(eye.frameX, eye.restY, eye.denseX, eye.denseRest);
        double x0 = eye.frameX[0];
        double x1 = eye.frameX[eye.frameX.length - 1];
        double lashSigma = Math.max(1.0, LASH_SIGMA * iod);
        double above = COVER_ABOVE * iod;
        float[] colour = new float[3];
        for (int x = (int) Math.ceil(x0); x <= (int) Math.floor(x1); x++) {
            if (x < 0 || x >= size) {
                continue;
            }
            double f = (x - x0) / Math.max(1, x1 - x0);
            double across = Blink.smoothstep(f / CORNER_FADE) * Blink.smoothstep((1 - f) / CORNER_FADE);
            double lashAcross = Blink.smoothstep(f / LASH_CORNER) * Blink.smoothstep((1 - f) / LASH_CORNER);
            double edge = Curves.linearAt(eye.denseX, eye.denseEdge, x);
            double rest = Math.min(Curves.linearAt(eye.denseX, eye.denseRest, x), edge);
            double travel = edge - rest;
            double top = rest - above;
            double ramp = above + 0.3 * travel;
            double column = f * (eye.columns - 1);
            double sigma = lashSigma * (0.6 + 0.4 * Math.sin(Math.PI * f));
            for (int y = Math.max(0, (int) Math.floor(top)); y <= Math.min(size - 1, (int) Math.ceil(edge + 3 * sigma));
                 y++) {
                int o = 3 * (y * size + x);
                // The lid's skin over what it has travelled across and the smear just above, fading in from the top.
                if (travel > 0.5 && y <= edge + strength * LID_OVERLAP) {
                    double w = Math.max(0, Math.min(1, (y - top) / (edge - top)));
                    sampleStrip(eye, column, w * (eye.rows - 1), colour);
                    double alpha = strength * across * Blink.smoothstep((y - top) / ramp);
                    blend(bgr, o, colour, alpha);
                }
                // The lash line at the moving edge, most of it just above, lashes pointing down a little.
                double d = (y - edge - strength * LID_OVERLAP) / sigma;
                double lash = Math.exp(-(d < 0 ? d * d : 0.5 * d * d));
                double alpha = LASH_OPACITY * strength * lashAcross * lash;
                if (alpha > 0.01) {
                    int c = (int) Math.round(column);
                    colour[0] = eye.lash[3 * c];
                    colour[1] = eye.lash[3 * c + 1];
                    colour[2] = eye.lash[3 * c + 2];
                    blend(bgr, o, colour, alpha);
                }
            }
        }
    }

    /** A Catmull-Rom curve through the points (ends repeated), sampled densely into {@code outX}, {@code outY}. */
    private static void smooth(double[] xs, double[] ys, double[] outX, double[] outY) {
        int n = xs.length;
        int per = (outX.length - 1) / (n - 1);
        int s = 0;
        for (int i = 0; i < n - 1; i++) {
            int i0 = Math.max(0, i - 1);
            int i2 = i + 1;
            int i3 = Math.min(n - 1, i + 2);
            for (int k = 0; k < per; k++, s++) {
                double t = (double) k / per;
                outX[s] = Curves.catmullRom(xs[i0], xs[i], xs[i2], xs[i3], t);
                outY[s] = Curves.catmullRom(ys[i0], ys[i], ys[i2], ys[i3], t);
            }
        }
        outX[s] = xs[n - 1];
        outY[s] = ys[n - 1];
    }

    /** A moving average of BGR values along each row of {@code columns}, {@code radius} either side. */
    private static void smoothAlong(float[] values, float[] out, int columns, int rows, int radius) {
        float[] raw = values.clone();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double[] sum = new double[3];
                int n = 0;
                for (int k = Math.max(0, c - radius); k <= Math.min(columns - 1, c + radius); k++) {
                    for (int ch = 0; ch < 3; ch++) {
                        sum[ch] += raw[3 * (r * columns + k) + ch];
                    }
                    n++;
                }
                for (int ch = 0; ch < 3; ch++) {
                    out[3 * (r * columns + c) + ch] = (float) (sum[ch] / n);
                }
            }
        }
    }

    private static void blend(byte[] bgr, int o, float[] colour, double alpha) {
        for (int c = 0; c < 3; c++) {
            double old = bgr[o + c] & 0xff;
            bgr[o + c] = (byte) Math.max(0, Math.min(255, Math.round(old + (colour[c] - old) * alpha)));
        }
    }

    private static void sampleStrip(Eye eye, double column, double row, float[] out) {
        int c0 = (int) Math.floor(column);
        int r0 = (int) Math.floor(row);
        int c1 = Math.min(eye.columns - 1, c0 + 1);
        int r1 = Math.min(eye.rows - 1, r0 + 1);
        double tc = column - c0;
        double tr = row - r0;
        for (int k = 0; k < 3; k++) {
            double top = eye.strip[3 * (r0 * eye.columns + c0) + k] * (1 - tc) + eye.strip[3 * (r0 * eye.columns + c1) + k] * tc;
            double low = eye.strip[3 * (r1 * eye.columns + c0) + k] * (1 - tc) + eye.strip[3 * (r1 * eye.columns + c1) + k] * tc;
            out[k] = (float) (top * (1 - tr) + low * tr);
        }
    }

    private static void bilinear(byte[] bgr, int size, double x, double y, float[] out, int at) {
        int x0 = clampIndex((int) Math.floor(x), size);
        int y0 = clampIndex((int) Math.floor(y), size);
        int x1 = clampIndex(x0 + 1, size);
        int y1 = clampIndex(y0 + 1, size);
        double tx = Math.max(0, Math.min(1, x - x0));
        double ty = Math.max(0, Math.min(1, y - y0));
        for (int c = 0; c < 3; c++) {
            double top = (bgr[3 * (y0 * size + x0) + c] & 0xff) * (1 - tx) + (bgr[3 * (y0 * size + x1) + c] & 0xff) * tx;
            double low = (bgr[3 * (y1 * size + x0) + c] & 0xff) * (1 - tx) + (bgr[3 * (y1 * size + x1) + c] & 0xff) * tx;
            out[at + c] = (float) (top * (1 - ty) + low * ty);
        }
    }

    private static int clampIndex(int v, int size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
