package org.opentalks.media;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A picture to put over every frame of the talk, D-ID's {@code config.logo}. Its alpha channel, if
 * any, blends it with the video.
 *
 * @param x pixels from the left edge to the logo's left edge; when negative, from the right edge to
 *          the logo's right edge ({@code -10}: the logo ends 10 pixels before the right edge)
 * @param y as {@code x}, from the top edge, or when negative from the bottom edge
 */
public record Logo(BufferedImage image, int x, int y) {
    public Logo {
        Objects.requireNonNull(image, "image");
    }
}
