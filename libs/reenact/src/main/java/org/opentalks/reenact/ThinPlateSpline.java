package org.opentalks.reenact;

/**
 * A 2-D thin-plate spline that interpolates a displacement at scattered control points
 * (Bookstein 1989, "Principal warps: thin-plate splines and the decomposition of deformations"):
 * {@code f(p) = a0 + a1·x + a2·y + Σ w_i·U(|p − c_i|)} with {@code U(r) = r² ln r²}, where the
 * weights satisfy {@code Σ w_i = Σ w_i·x_i = Σ w_i·y_i = 0}. Fitting solves that (n+3)² linear
 * system; a small {@code lambda} on the kernel diagonal (Bookstein's regularised form) keeps it
 * solvable when two control points nearly coincide.
 *
 * <p>Coordinates are divided by {@code unit} before use so the kernel values stay well scaled;
 * the spline is invariant to that scaling apart from the regulariser. Buffers are allocated once
 * for {@code capacity} points: not thread-safe.
 */
final class ThinPlateSpline {
    private final int capacity;
    private final double unit;
    private final double lambda;
    private final double[] matrix;
    private final double[] solution;
    private final float[] centreX;
    private final float[] centreY;
    private final float[] weightX;
    private final float[] weightY;
    private float[] nodeX = new float[0];
    private int count;
    private double affineX0;
    private double affineXx;
    private double affineXy;
    private double affineY0;
    private double affineYx;
    private double affineYy;

    ThinPlateSpline(int capacity, double unit, double lambda) {
        this.capacity = capacity;
        this.unit = unit;
        this.lambda = lambda;
        int m = capacity + 3;
        this.matrix = new double[m * m];
        this.solution = new double[2 * m];
        this.centreX = new float[capacity];
        this.centreY = new float[capacity];
        this.weightX = new float[capacity];
        this.weightY = new float[capacity];
    }

    /**
     * Fits the spline so that at each control point {@code (x_i, y_i)} it takes the value
     * {@code (dx_i, dy_i)}. Arrays are interleaved {@code x0, y0, x1, y1, …}.
     */
    void fit(double[] points, double[] values, int n) {
        if (n > capacity) {
            throw new IllegalArgumentException(n + " control points exceed the capacity " + capacity);
        }
        count = n;
        int m = n + 3;
        double[] a = matrix;
        double[] b = solution; // columns: b[i] = x value, b[m + i] = y value
        double inv = 1.0 / unit;
        for (int i = 0; i < n; i++) {
            double xi = points[2 * i] * inv;
            double yi = points[2 * i + 1] * inv;
            int row = i * m;
            for (int j = 0; j < i; j++) {
                double ddx = xi - points[2 * j] * inv;
                double ddy = yi - points[2 * j + 1] * inv;
                double u = fastKernel((float) (ddx * ddx + ddy * ddy));
                a[row + j] = u;
                a[j * m + i] = u;
            }
            a[row + i] = lambda;
            a[row + n] = 1;
            a[row + n + 1] = xi;
            a[row + n + 2] = yi;
            a[n * m + i] = 1;
            a[(n + 1) * m + i] = xi;
            a[(n + 2) * m + i] = yi;
            b[i] = values[2 * i] * inv;
            b[m + i] = values[2 * i + 1] * inv;
        }
        for (int r = n; r < m; r++) {
            for (int c = n; c < m; c++) {
                a[r * m + c] = 0;
            }
            b[r] = 0;
            b[m + r] = 0;
        }
        solve(a, b, m);
        for (int i = 0; i < n; i++) {
            centreX[i] = (float) (points[2 * i] * inv);
            centreY[i] = (float) (points[2 * i + 1] * inv);
            weightX[i] = (float) (b[i] * unit);
            weightY[i] = (float) (b[m + i] * unit);
        }
        // The affine part is kept in pixel units: value = a0 + ax·x + ay·y with x, y in pixels.
        affineX0 = b[n] * unit;
        affineXx = b[n + 1];
        affineXy = b[n + 2];
        affineY0 = b[m + n] * unit;
        affineYx = b[m + n + 1];
        affineYy = b[m + n + 2];
    }

    /** True when the last fit is zero everywhere (all values were zero). */
    boolean isZero() {
        if (affineX0 != 0 || affineXx != 0 || affineXy != 0 || affineY0 != 0 || affineYx != 0 || affineYy != 0) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (weightX[i] != 0 || weightY[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Evaluates the fitted field at one point (pixels); writes the displacement to out[0], out[1]. */
    void evaluate(double x, double y, float[] out) {
        float inv = (float) (1.0 / unit);
        float xn = (float) x * inv;
        float yn = (float) y * inv;
        float sumX = 0;
        float sumY = 0;
        for (int i = 0; i < count; i++) {
            float ddx = xn - centreX[i];
            float ddy = yn - centreY[i];
            float u = fastKernel(ddx * ddx + ddy * ddy);
            sumX += weightX[i] * u;
            sumY += weightY[i] * u;
        }
        out[0] = (float) (affineX0 + affineXx * x + affineXy * y) + sumX;
        out[1] = (float) (affineY0 + affineYx * x + affineYy * y) + sumY;
    }

    /**
     * Evaluates the fitted field at the {@code nx × ny} grid nodes {@code (k·step, j·step)} and
     * writes the displacements row by row into {@code outX} / {@code outY}.
     */
    void evaluateGrid(int nx, int ny, double step, float[] outX, float[] outY) {
        int n = count;
        float inv = (float) (1.0 / unit);
        float[] xs = nodeX;
        if (xs.length < nx) {
            xs = nodeX = new float[nx];
        }
        for (int k = 0; k < nx; k++) {
            xs[k] = (float) (k * step) * inv;
        }
        for (int j = 0; j < ny; j++) {
            double y = j * step;
            float yn = (float) y * inv;
            int row = j * nx;
            for (int k = 0; k < nx; k++) {
                double x = k * step;
                outX[row + k] = (float) (affineX0 + affineXx * x + affineXy * y);
                outY[row + k] = (float) (affineY0 + affineYx * x + affineYy * y);
            }
            // Centre-outer, node-inner: the inner loop is a plain element-wise update.
            for (int i = 0; i < n; i++) {
                float ddy = yn - centreY[i];
                float ddy2 = ddy * ddy;
                float cx = centreX[i];
                float wx = weightX[i];
                float wy = weightY[i];
                for (int k = 0; k < nx; k++) {
                    float ddx = xs[k] - cx;
                    float u = fastKernel(ddx * ddx + ddy2);
                    outX[row + k] += wx * u;
                    outY[row + k] += wy * u;
                }
            }
        }
    }

    /**
     * {@code r² ln r²} with a fast natural logarithm: the float exponent plus a cubic in the
     * mantissa, fitted (minimax) to ln(1 + m) on [0, 1) under the constraints that the pieces join
     * with matching value and slope at every power of two (error ≤ 2.7e-3 in ln). The fit and the
     * evaluation use this same kernel, so the spline still interpolates its control points.
     */
    private static float fastKernel(float r2) {
        r2 = Math.max(r2, 1e-30f); // branch-free: U(1e-30) ≈ −7e-29, i.e. U(0) = 0
        int bits = Float.floatToRawIntBits(r2);
        int exponent = ((bits >>> 23) & 0xff) - 127;
        float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000) - 1f; // mantissa − 1 in [0, 1)
        float ln1p = m * (0.97259f + m * (-0.35203346f + m * 0.07259064f));
        float ln = exponent * 0.6931472f + ln1p;
        return r2 * ln;
    }

    /** Gaussian elimination with partial pivoting on the m×m matrix, two right-hand sides. */
    private static void solve(double[] a, double[] b, int m) {
        for (int col = 0; col < m; col++) {
            int pivot = col;
            double best = Math.abs(a[col * m + col]);
            for (int r = col + 1; r < m; r++) {
                double v = Math.abs(a[r * m + col]);
                if (v > best) {
                    best = v;
                    pivot = r;
                }
            }
            if (best < 1e-300) {
                throw new IllegalStateException("thin-plate spline system is singular (coincident control points?)");
            }
            if (pivot != col) {
                for (int c = col; c < m; c++) {
                    double t = a[col * m + c];
                    a[col * m + c] = a[pivot * m + c];
                    a[pivot * m + c] = t;
                }
                double t = b[col];
                b[col] = b[pivot];
                b[pivot] = t;
                t = b[m + col];
                b[m + col] = b[m + pivot];
                b[m + pivot] = t;
            }
            double inv = 1.0 / a[col * m + col];
            for (int r = col + 1; r < m; r++) {
                double f = a[r * m + col] * inv;
                if (f == 0) {
                    continue;
                }
                int ro = r * m;
                int co = col * m;
                for (int c = col + 1; c < m; c++) {
                    a[ro + c] -= f * a[co + c];
                }
                b[r] -= f * b[col];
                b[m + r] -= f * b[m + col];
            }
        }
        for (int r = m - 1; r >= 0; r--) {
            double sx = b[r];
            double sy = b[m + r];
            int ro = r * m;
            for (int c = r + 1; c < m; c++) {
                sx -= a[ro + c] * b[c];
                sy -= a[ro + c] * b[m + c];
            }
            double inv = 1.0 / a[ro + r];
            b[r] = sx * inv;
            b[m + r] = sy * inv;
        }
    }
}
