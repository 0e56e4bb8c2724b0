package org.opentalks.reenact;

/**
 * Control points stored interleaved (x0, y0, x1, y1, …), read and moved in the face's axes: so that
 * the rig says {@code points.moveV(Landmarks.UPPER_LIP_CENTRE, d)} for "the upper lip's centre moves
 * d down the face". A view: it writes through to the array.
 */
final class Points {
    private final double[] xy;
    private final FaceAxes axes;

    Points(double[] xy, FaceAxes axes) {
        this.xy = xy;
        this.axes = axes;
    }

    FaceAxes axes() {
        return axes;
    }

    double x(int i) {
        return xy[2 * i];
    }

    double y(int i) {
        return xy[2 * i + 1];
    }

    /** Point i's position along u, the eye line. */
    double u(int i) {
        return axes.u(xy[2 * i], xy[2 * i + 1]);
    }

    /** Point i's position along v, down the face. */
    double v(int i) {
        return axes.v(xy[2 * i], xy[2 * i + 1]);
    }

    /** The midpoint of points i and j, x and y. */
    double midX(int i, int j) {
        return 0.5 * (xy[2 * i] + xy[2 * j]);
    }

    double midY(int i, int j) {
        return 0.5 * (xy[2 * i + 1] + xy[2 * j + 1]);
    }

    /** Moves point i by d along u. */
    void moveU(int i, double d) {
        xy[2 * i] += axes.ux() * d;
        xy[2 * i + 1] += axes.uy() * d;
    }

    /** Moves point i by d along v (positive: down the face). */
    void moveV(int i, double d) {
        xy[2 * i] += axes.vx() * d;
        xy[2 * i + 1] += axes.vy() * d;
    }

    /** Moves point i along v to position v. */
    void setV(int i, double v) {
        moveV(i, v - v(i));
    }
}
