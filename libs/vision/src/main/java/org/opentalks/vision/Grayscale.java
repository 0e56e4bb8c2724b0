package org.opentalks.vision;

import java.awt.image.BufferedImage;

/**
 * An image's intensities as dlib computes them for an RGB pixel ({@code get_pixel_intensity}: the integer mean
 * {@code (r + g + b) / 3}). Build it once per image; {@link ShapePredictor#predict} may then run on several faces.
 * It keeps the decoded pixels and averages only the few thousand that a prediction samples.
 */
public final class Grayscale {
    private final int width;
    private final int height;
    private final int[] rgb;

    private Grayscale(int width, int height, int[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    public static Grayscale of(BufferedImage image) {
        return fromPackedRgb(PackedRgb.read(image), image.getWidth(), image.getHeight());
    }

    /** Wraps packed {@code 0xRRGGBB} pixels, row by row, without copying them. */
    static Grayscale fromPackedRgb(int[] rgb, int width, int height) {
        if (rgb.length != width * height) {
            throw new IllegalArgumentException(rgb.length + " pixels for a " + width + "x" + height + " image");
        }
        return new Grayscale(width, height, rgb);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Intensity in [0, 255] at column {@code x}, row {@code y}; both must lie inside the image. */
    public int intensity(int x, int y) {
        int p = rgb[y * width + x];
        return (((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF)) / 3;
    }
}
