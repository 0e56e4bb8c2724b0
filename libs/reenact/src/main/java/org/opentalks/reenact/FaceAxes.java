package org.opentalks.reenact;

/**
 * The face's own frame in the crop: u along the eye line (from the left eye's centre to the
 * right's), v down the face (u turned a quarter clockwise on screen, where y points down), and the
 * face's scale, the inter-ocular distance (iod) between the eye centres. The rig measures every
 * displacement in these terms, so small and large faces, and tilted ones, behave alike.
 *
 * @param ux         the eye line's direction (a unit vector), x
 * @param uy         the eye line's direction, y
 * @param iod        the inter-ocular distance (pixels)
 * @param eyeCentreX the point midway between the eye centres (pixels), x
 * @param eyeCentreY the point midway between the eye centres, y
 */
record FaceAxes(double ux, double uy, double iod, double eyeCentreX, double eyeCentreY) {
    /** The axes of a face from its interleaved landmarks ({@link Landmarks#interleaved}). */
    static FaceAxes of(double[] landmarks) {
        double[] left = centre(landmarks, Landmarks.LEFT_EYE);
        double[] right = centre(landmarks, Landmarks.RIGHT_EYE);
        double iod = Math.hypot(right[0] - left[0], right[1] - left[1]);
        double eyeCentreX = 0.5 * (left[0] + right[0]);
        double eyeCentreY = 0.5 * (left[1] + right[1]);
        if (!(iod > 2)) {
            throw new IllegalArgumentException("eyes too close together: landmarks do not describe a face");
        }
        return new FaceAxes((right[0] - left[0]) / iod, (right[1] - left[1]) / iod, iod, eyeCentreX, eyeCentreY);
    }

    /** v, the face's downward axis. */
    double vx() {
        return -uy;
    }

    double vy() {
        return ux;
    }

    /** The position of image point (x, y) along u. */
    double u(double x, double y) {
        return x * ux + y * uy;
    }

    /** The position of image point (x, y) along v. */
    double v(double x, double y) {
        return x * vx() + y * vy();
    }

    /** The eye centres' midpoint along u. */
    double eyeCentreU() {
        return u(eyeCentreX, eyeCentreY);
    }

    /** The eye centres' midpoint along v. */
    double eyeCentreV() {
        return v(eyeCentreX, eyeCentreY);
    }

    /** The image x of the point at (u, v). */
    double x(double u, double v) {
        return u * ux - v * uy;
    }

    /** The image y of the point at (u, v). */
    double y(double u, double v) {
        return u * uy + v * ux;
    }

    private static double[] centre(double[] p, Landmarks.Group eye) {
        double x = 0;
        double y = 0;
        for (int k = 0; k < eye.size(); k++) {
            x += p[2 * eye.at(k)] / eye.size();
            y += p[2 * eye.at(k) + 1] / eye.size();
        }
        return new double[] {x, y};
    }
}
