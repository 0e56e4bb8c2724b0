package org.opentalks.contract.document;

/**
 * Head motion relative to the source photo at one video frame: rotation in degrees, translation
 * as a fraction of the face width, and scale as a factor (1 = unchanged). Signs, as the renderer
 * applies them: positive yaw moves the nose towards image right, positive pitch moves it down,
 * positive roll turns the face clockwise on screen.
 */
public record HeadPose(double yaw, double pitch, double roll, double tx, double ty, double scale) {
    public static final HeadPose REST = new HeadPose(0, 0, 0, 0, 0, 1);
}
