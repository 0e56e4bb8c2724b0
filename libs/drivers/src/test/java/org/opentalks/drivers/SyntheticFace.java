package org.opentalks.drivers;

import java.util.ArrayList;
import java.util.List;
import org.opentalks.contract.document.Point;

/**
 * A rigid 3D face with the 68 iBUG landmarks, posed and projected orthographically into a 512 px
 * image. Its proportions match {@link SourcePose}'s model (nose tip one half face width in front
 * of jaw landmarks 0 and 16, the chin in the eyes' plane), so the estimate can be checked exactly.
 */
final class SyntheticFace {
    /** Face half-width in pixels. */
    private static final double R = 100;

    private SyntheticFace() {
    }

    /** Landmarks of the face posed with {@link SourcePose}'s signs (degrees). */
    static List<Point> landmarks(double yaw, double pitch, double roll) {
        double[][] model = model();
        double y0 = Math.toRadians(yaw);
        double p0 = Math.toRadians(pitch);
        double r0 = Math.toRadians(roll);
        List<Point> points = new ArrayList<>(68);
        for (double[] m : model) {
            // Model axes: x right, y down, z towards the camera. Pitch about x (nose down for +),
            // then yaw about y (nose right for +), then roll in the image plane (clockwise for +).
            double x = m[0];
            double y = m[1] * Math.cos(p0) + m[2] * Math.sin(p0);
            double z = -m[1] * Math.sin(p0) + m[2] * Math.cos(p0);
            double xr = x * Math.cos(y0) + z * Math.sin(y0);
            double u = xr * Math.cos(r0) - y * Math.sin(r0);
            double v = xr * Math.sin(r0) + y * Math.cos(r0);
            points.add(new Point(256 + u, 220 + v));
        }
        return points;
    }

    /** The face mirrored left to right in a 512 px wide image, landmark numbers swapped to match. */
    static List<Point> mirrored(List<Point> landmarks) {
        List<Point> out = new ArrayList<>(68);
        for (int i = 0; i < 68; i++) {
            Point p = landmarks.get(MIRROR[i]);
            out.add(new Point(512 - p.x(), p.y()));
        }
        return out;
    }

    /** iBUG landmark i's mirror image: jaw, brows, nostrils, eyes and lips swap sides. */
    private static final int[] MIRROR = mirrorTable();

    private static int[] mirrorTable() {
        int[] m = new int[68];
        for (int i = 0; i <= 16; i++) {
            m[i] = 16 - i;
        }
        for (int i = 17; i <= 26; i++) {
            m[i] = 43 - i;
        }
        for (int i = 27; i <= 30; i++) {
            m[i] = i;
        }
        for (int i = 31; i <= 35; i++) {
            m[i] = 66 - i;
        }
        int[][] eyes = {{36, 45}, {37, 44}, {38, 43}, {39, 42}, {40, 47}, {41, 46}};
        for (int[] pair : eyes) {
            m[pair[0]] = pair[1];
            m[pair[1]] = pair[0];
        }
        for (int i = 48; i <= 54; i++) {
            m[i] = 102 - i;
        }
        for (int i = 55; i <= 59; i++) {
            m[i] = 114 - i;
        }
        for (int i = 60; i <= 64; i++) {
            m[i] = 124 - i;
        }
        for (int i = 65; i <= 67; i++) {
            m[i] = 132 - i;
        }
        return m;
    }

    /** Frontal model points (x, y, z) in pixels, y from the eye line, z from the jaw sides' plane. */
    private static double[][] model() {
        double[][] p = new double[68][];
        double chinY = 1.6 * R;
        // Depths chosen so that the nose tip is NOSE_DEPTH_HALF_WIDTHS half-widths in front of the
        // jaw sides and NOSE_DEPTH_HEIGHTS eye-to-chin heights in front of the eyes.
        double eyeZ = SourcePose.NOSE_DEPTH_HALF_WIDTHS * R - SourcePose.NOSE_DEPTH_HEIGHTS * chinY;
        for (int j = 0; j <= 8; j++) {
            // Jaw from the side at eye level (0) down to the chin (8).
            double a = Math.PI * (j / 16.0 - 0.5);
            p[j] = new double[] {R * Math.sin(a), chinY * Math.cos(a), eyeZ * Math.cos(a)};
        }
        for (int b = 0; b < 5; b++) {
            p[17 + b] = new double[] {-0.8 * R + 0.15 * R * b, -0.35 * R, eyeZ + 0.05 * R};
        }
        for (int n = 0; n < 4; n++) {
            // Bridge (27) down to the tip (30).
            p[27 + n] = new double[] {0, n * SourcePose.NOSE_HEIGHT_RATIO * chinY / 3,
                eyeZ + n * SourcePose.NOSE_DEPTH_HEIGHTS * chinY / 3};
        }
        for (int k = 0; k < 3; k++) {
            p[31 + k] = new double[] {(k - 2) * 0.1 * R, 0.6 * R, eyeZ + 0.15 * R};
        }
        // Image-left eye, outer corner (36) over the top to the inner corner (39) and back below.
        double[][] ring = {{-1, 0}, {-0.4, -0.3}, {0.4, -0.3}, {1, 0}, {0.4, 0.3}, {-0.4, 0.3}};
        for (int k = 0; k < 6; k++) {
            p[36 + k] = new double[] {-0.45 * R + 0.15 * R * ring[k][0], 0.15 * R * ring[k][1], eyeZ};
        }
        // Lips: corner (48) over the top (51), bottom centre (57); inner 60, 62, 66.
        double[] lips = {48, -0.4, 0, 49, -0.25, -0.1, 50, -0.1, -0.13, 51, 0, -0.12, 57, 0, 0.2, 58, -0.15, 0.18,
            59, -0.3, 0.1, 60, -0.3, 0, 61, -0.12, -0.04, 62, 0, -0.04, 66, 0, 0.04, 67, -0.12, 0.04};
        for (int k = 0; k < lips.length; k += 3) {
            p[(int) lips[k]] = new double[] {lips[k + 1] * R, 1.05 * R + lips[k + 2] * R, eyeZ + 0.1 * R};
        }
        for (int i = 0; i < 68; i++) {
            if (p[i] == null) {
                double[] q = p[MIRROR[i]];
                p[i] = new double[] {-q[0], q[1], q[2]};
            }
        }
        return p;
    }
}
