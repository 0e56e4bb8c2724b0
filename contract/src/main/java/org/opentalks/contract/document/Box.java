package org.opentalks.contract.document;

/** An axis-aligned rectangle in image pixels: top-left corner and size. */
public record Box(double x, double y, double width, double height) {
    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }
}
