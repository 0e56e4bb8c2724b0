package org.opentalks.media;

import org.opentalks.media.UnusableMediaException.Reason;

/**
 * Puts a {@link Logo} over packed BGR frames of one size, blending by the logo's alpha. The logo's
 * colours and weights are unpacked once; a frame costs one fixed-point blend over the logo's
 * rectangle. A logo that hangs partly over an edge is clipped; one larger than the frame, or with
 * no pixel inside it, is refused.
 */
final class LogoOverlay {
    private final int frameWidth;
    private final int frameHeight;
    /** The logo's visible pixels in frame coordinates: [x0, x1) x [y0, y1). */
    private final int x0;
    private final int x1;
    private final int y0;
    private final int y1;
    /** The visible pixels as packed BGR, and their alpha in 1/256 (0..256). */
    private final byte[] bgr;
    private final int[] alpha;

    LogoOverlay(Logo logo, int frameWidth, int frameHeight) {
        int width = logo.image().getWidth();
        int height = logo.image().getHeight();
        if (width > frameWidth || height > frameHeight) {
            throw new UnusableMediaException(Reason.LOGO_DOES_NOT_FIT, "The logo is " + width + "x" + height
                    + " pixels, larger than the " + frameWidth + "x" + frameHeight + " video; use a smaller logo.");
        }
        // Negative positions count from the far edge to the logo's far edge.
        int left = logo.x() >= 0 ? logo.x() : frameWidth + logo.x() - width;
        int top = logo.y() >= 0 ? logo.y() : frameHeight + logo.y() - height;
        x0 = Math.max(0, left);
        y0 = Math.max(0, top);
        x1 = Math.min(frameWidth, left + width);
        y1 = Math.min(frameHeight, top + height);
        if (x0 >= x1 || y0 >= y1) {
            throw new UnusableMediaException(Reason.LOGO_DOES_NOT_FIT, "The logo at position [" + logo.x() + ", "
                    + logo.y() + "] lies outside the " + frameWidth + "x" + frameHeight
                    + " video; choose a position inside it.");
        }
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        int w = x1 - x0;
        int h = y1 - y0;
        // getRGB converts any image type to non-premultiplied sRGB ARGB; opaque types read alpha 255.
        int[] argb = logo.image().getRGB(x0 - left, y0 - top, w, h, null, 0, w);
        bgr = new byte[w * h * 3];
        alpha = new int[w * h];
        for (int i = 0; i < argb.length; i++) {
            int a = argb[i] >>> 24;
            // 0..255 -> 0..256, so that an opaque pixel replaces the frame's exactly.
            alpha[i] = a + (a >> 7);
            bgr[3 * i] = (byte) argb[i];
            bgr[3 * i + 1] = (byte) (argb[i] >> 8);
            bgr[3 * i + 2] = (byte) (argb[i] >> 16);
        }
    }

    /** Blends the logo into {@code frame}, a {@code frameWidth*frameHeight*3} BGR array, in place. */
    void apply(byte[] frame) {
        if (frame.length != frameWidth * frameHeight * 3) {
            throw new IllegalArgumentException("expected a " + frameWidth + "x" + frameHeight + " BGR frame, got "
                    + frame.length + " bytes");
        }
        int w = x1 - x0;
        for (int y = y0; y < y1; y++) {
            int o = (y * frameWidth + x0) * 3;
            int l = (y - y0) * w;
            for (int x = 0; x < w; x++, o += 3, l++) {
                int a = alpha[l];
                if (a == 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    int p = frame[o + c] & 0xFF;
                    int f = bgr[3 * l + c] & 0xFF;
                    frame[o + c] = (byte) (p + (((f - p) * a + 128) >> 8));
                }
            }
        }
    }
}
