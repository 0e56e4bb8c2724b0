package org.opentalks.reenact.quality;

import java.util.List;
import org.opentalks.contract.document.Point;

/**
 * What the landmark detector reads off one frame, with distances in inter-ocular distances (the
 * distance between the eye centres, each the mean of its six iBUG points) so that they compare
 * across faces and crops. Heights are measured from the eye line along its normal, so a rolled head
 * does not read as raised brows; the eye line joins the midpoints of each eye's corners (36–39,
 * 42–45), which stay put when the lids move, so that a blink, wide eyes or cheeks pushing the lower
 * lids up do not shift it.
 *
 * @param opening     inner-lip opening: mean length of 61–67, 62–66, 63–65
 * @param eyeOpenness eye aspect ratio, mean of both eyes (Soukupová &amp; Čech 2016, "Real-time eye
 *                    blink detection using facial landmarks"): the lids' two vertical distances
 *                    over twice the eye's width; about 0.3 open, near 0 shut
 * @param browHeight  mean height of the brow points 17–26 above the eye line
 * @param cornerHeight mean height of the mouth corners 48 and 54 above the eye line (negative: they
 *                    lie below it); a smile makes it less negative
 * @param centreX     face centre in pixels: mean of points that speech, blinks and expressions
 *                    should not move (nose bridge 27–30 and the eye corners 36, 39, 42, 45)
 * @param centreY     likewise
 * @param interOcular the inter-ocular distance in pixels
 */
record FaceMeasure(double opening, double eyeOpenness, double browHeight, double cornerHeight, double centreX,
                   double centreY, double interOcular) {
    private static final int[] STABLE = {27, 28, 29, 30, 36, 39, 42, 45};

    static FaceMeasure of(List<Point> p) {
        if (p.size() != 68) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + p.size());
        }
        double lx = 0;
        double ly = 0;
        double rx = 0;
        double ry = 0;
        for (int i = 0; i < 6; i++) {
            lx += p.get(36 + i).x() / 6;
            ly += p.get(36 + i).y() / 6;
            rx += p.get(42 + i).x() / 6;
            ry += p.get(42 + i).y() / 6;
        }
        double iod = Math.hypot(rx - lx, ry - ly);
        double clx = (p.get(36).x() + p.get(39).x()) / 2;
        double cly = (p.get(36).y() + p.get(39).y()) / 2;
        double crx = (p.get(42).x() + p.get(45).x()) / 2;
        double cry = (p.get(42).y() + p.get(45).y()) / 2;
        double mx = (clx + crx) / 2;
        double my = (cly + cry) / 2;
        double length = Math.hypot(crx - clx, cry - cly);
        // Unit normal of the eye line pointing up the face (image y grows downwards).
        double nx = (cry - cly) / length;
        double ny = -(crx - clx) / length;

        double opening = (dist(p, 61, 67) + dist(p, 62, 66) + dist(p, 63, 65)) / (3 * iod);
        double leftEar = (dist(p, 37, 41) + dist(p, 38, 40)) / (2 * dist(p, 36, 39));
        double rightEar = (dist(p, 43, 47) + dist(p, 44, 46)) / (2 * dist(p, 42, 45));
        double brow = 0;
        for (int i = 17; i <= 26; i++) {
            brow += ((p.get(i).x() - mx) * nx + (p.get(i).y() - my) * ny) / 10;
        }
        double corner = 0;
        for (int i : new int[] {48, 54}) {
            corner += ((p.get(i).x() - mx) * nx + (p.get(i).y() - my) * ny) / 2;
        }
        double cx = 0;
        double cy = 0;
        for (int i : STABLE) {
            cx += p.get(i).x() / STABLE.length;
            cy += p.get(i).y() / STABLE.length;
        }
        return new FaceMeasure(opening, (leftEar + rightEar) / 2, brow / iod, corner / iod, cx, cy, iod);
    }

    private static double dist(List<Point> p, int a, int b) {
        return Math.hypot(p.get(a).x() - p.get(b).x(), p.get(a).y() - p.get(b).y());
    }
}
