package org.opentalks.reenact;

import org.opentalks.contract.document.HeadPose;

/**
 * The head: where in the image it moves ({@link #weight}) and how a pose moves the control points
 * it carries ({@link #apply}), turning each about an axis behind the face by its depth
 * ({@link RigSettings.Head}).
 */
final class PoseTransform {
    private final RigSettings.Head settings;
    private final FaceAxes axes;
    private final double iod;
    private final int count;
    private final double[] depth;
    private final boolean[] carried;
    private final double faceWidth;
    private final double centreX;
    private final double centreY;

    PoseTransform(Points landmarks, ControlPoints points, RigSettings.Head settings) {
        this.settings = settings;
        this.axes = landmarks.axes();
        this.iod = axes.iod();
        this.count = points.count();
        this.depth = new double[count];
        this.carried = new boolean[count];
        for (int i = 0; i < count; i++) {
            depth[i] = points.depth(i);
            carried[i] = points.carried(i);
        }
        int left = Landmarks.LEFT_JAW_END;
        int right = Landmarks.RIGHT_JAW_END;
        faceWidth = Math.hypot(landmarks.x(right) - landmarks.x(left), landmarks.y(right) - landmarks.y(left));
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < Landmarks.COUNT; i++) {
            cx += landmarks.x(i) / Landmarks.COUNT;
            cy += landmarks.y(i) / Landmarks.COUNT;
        }
        centreX = cx;
        centreY = cy;
    }

    /**
     * The head region's weight at a point: 1 inside an ellipse around the eyes reaching the hair and
     * the chin (axes along the eye line and down the face), fading smoothly to 0 at
     * {@link RigSettings.Head#fadeTo} radii and exactly 0 beyond.
     */
    double weight(double x, double y) {
        double dx = x - (axes.eyeCentreX() - axes.vx() * settings.centreRaise() * iod);
        double dy = y - (axes.eyeCentreY() - axes.vy() * settings.centreRaise() * iod);
        double a = axes.u(dx, dy) / (settings.radiusU() * iod);
        double b = axes.v(dx, dy) / (settings.radiusV() * iod);
        return 1 - Blink.smoothstep((Math.sqrt(a * a + b * b) - 1) / (settings.fadeTo() - 1));
    }

    /**
     * Small-angle head rotation: yaw and pitch shift each point along u and v in proportion to its
     * depth in front of the turning axis (positive yaw moves the nose towards +u, i.e. image right
     * for an upright face; positive pitch moves it down); roll turns the face in the image plane
     * (positive = clockwise on screen); then scale about the face centre and translate by
     * fractions of the face width. Points not carried by the head (neck anchors) stay put.
     */
    void apply(HeadPose pose, double[] out) {
        if (pose.equals(HeadPose.REST)) {
            return;
        }
        double sinYaw = Math.sin(Math.toRadians(pose.yaw()));
        double cosYaw = Math.cos(Math.toRadians(pose.yaw()));
        double sinPitch = Math.sin(Math.toRadians(pose.pitch()));
        double cosPitch = Math.cos(Math.toRadians(pose.pitch()));
        double sinRoll = Math.sin(Math.toRadians(pose.roll()));
        double cosRoll = Math.cos(Math.toRadians(pose.roll()));
        double s = pose.scale();
        double tx = pose.tx() * faceWidth;
        double ty = pose.ty() * faceWidth;
        double ux = axes.ux();
        double uy = axes.uy();
        double vx = axes.vx();
        double vy = axes.vy();
        for (int i = 0; i < count; i++) {
            if (!carried[i]) {
                continue;
            }
            double rx = out[2 * i] - centreX;
            double ry = out[2 * i + 1] - centreY;
            double a = rx * ux + ry * uy;
            double b = rx * vx + ry * vy;
            double lever = (depth[i] - settings.axisDepth()) * iod;
            a = a * cosYaw + lever * sinYaw;
            b = b * cosPitch + lever * sinPitch;
            double ra = s * (a * cosRoll - b * sinRoll);
            double rb = s * (a * sinRoll + b * cosRoll);
            out[2 * i] = centreX + ra * ux + rb * vx + tx;
            out[2 * i + 1] = centreY + ra * uy + rb * vy + ty;
        }
    }
}
