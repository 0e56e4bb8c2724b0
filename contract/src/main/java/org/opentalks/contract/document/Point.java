package org.opentalks.contract.document;

import java.util.List;

/** A point in image pixels, x to the right and y down. */
public record Point(double x, double y) {

    /** The mean of {@code points[from..to)}, e.g. an eye's centre from its six landmarks. */
    public static Point centroid(List<Point> points, int from, int to) {
        double x = 0;
        double y = 0;
        for (int i = from; i < to; i++) {
            x += points.get(i).x();
            y += points.get(i).y();
        }
        return new Point(x / (to - from), y / (to - from));
    }
}
