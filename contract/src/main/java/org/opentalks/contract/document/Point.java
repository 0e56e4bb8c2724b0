package org.opentalks.contract.document;

/** A point in image pixels, x to the right and y down. */
public record Point(double x, double y) {
}
