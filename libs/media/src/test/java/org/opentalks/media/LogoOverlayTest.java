package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogoOverlayTest {
    private static final int WIDTH = 160;
    private static final int HEIGHT = 90;
    private static final int GREY = 100;

    @Test
    void placesALogoFromTheTopLeft() {
        byte[] frame = grey();
        new LogoOverlay(new Logo(solid(40, 20, 0xFFFF0000), 10, 10), WIDTH, HEIGHT).apply(frame);
        assertPainted(frame, 10, 10, 50, 30, new int[] {0, 0, 255});
    }

    @Test
    void countsNegativePositionsFromTheFarEdges() {
        byte[] frame = grey();
        new LogoOverlay(new Logo(solid(40, 20, 0xFF00FF00), -10, -10), WIDTH, HEIGHT).apply(frame);
        // The right edge 10 pixels left of the frame's right edge, the bottom edge 10 above its bottom.
        assertPainted(frame, WIDTH - 50, HEIGHT - 30, WIDTH - 10, HEIGHT - 10, new int[] {0, 255, 0});

        byte[] mixed = grey();
        new LogoOverlay(new Logo(solid(40, 20, 0xFF0000FF), -1, 5), WIDTH, HEIGHT).apply(mixed);
        assertPainted(mixed, WIDTH - 41, 5, WIDTH - 1, 25, new int[] {255, 0, 0});
    }

    @Test
    void blendsByAlpha() {
        byte[] frame = grey();
        // Alpha 128/255 weighs 129/256: red 100 + 155 * 129 / 256 = 178.1, the others 100 - 100 * 129 / 256 = 49.6.
        new LogoOverlay(new Logo(solid(40, 20, 0x80FF0000), 10, 10), WIDTH, HEIGHT).apply(frame);
        assertPainted(frame, 10, 10, 50, 30, new int[] {50, 50, 178});

        byte[] clear = grey();
        new LogoOverlay(new Logo(solid(40, 20, 0x00FF0000), 10, 10), WIDTH, HEIGHT).apply(clear);
        assertArrayEquals(grey(), clear, "a fully transparent logo changes nothing");
    }

    @Test
    void clipsALogoHangingOverAnEdge() {
        byte[] frame = grey();
        new LogoOverlay(new Logo(solid(40, 20, 0xFFFF0000), WIDTH - 15, HEIGHT - 5), WIDTH, HEIGHT).apply(frame);
        assertPainted(frame, WIDTH - 15, HEIGHT - 5, WIDTH, HEIGHT, new int[] {0, 0, 255});
    }

    @Test
    void refusesALogoThatDoesNotFit() {
        UnusableMediaException tooBig = assertThrows(UnusableMediaException.class,
                () -> new LogoOverlay(new Logo(solid(WIDTH + 1, 20, 0xFFFF0000), 0, 0), WIDTH, HEIGHT));
        assertTrue(tooBig.getMessage().contains("larger than the 160x90 video"), tooBig.getMessage());
        assertEquals(UnusableMediaException.Reason.LOGO_DOES_NOT_FIT, tooBig.reason());
        assertThrows(UnusableMediaException.class,
                () -> new LogoOverlay(new Logo(solid(40, HEIGHT + 1, 0xFFFF0000), 0, 0), WIDTH, HEIGHT));

        UnusableMediaException outside = assertThrows(UnusableMediaException.class,
                () -> new LogoOverlay(new Logo(solid(40, 20, 0xFFFF0000), WIDTH, 10), WIDTH, HEIGHT));
        assertTrue(outside.getMessage().contains("[160, 10] lies outside"), outside.getMessage());
        assertThrows(UnusableMediaException.class,
                () -> new LogoOverlay(new Logo(solid(40, 20, 0xFFFF0000), 10, -HEIGHT), WIDTH, HEIGHT));
        assertThrows(UnusableMediaException.class,
                () -> new LogoOverlay(new Logo(solid(40, 20, 0xFFFF0000), -WIDTH, 10), WIDTH, HEIGHT));
    }

    static BufferedImage solid(int width, int height, int argb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, argb);
            }
        }
        return image;
    }

    private static byte[] grey() {
        byte[] frame = new byte[WIDTH * HEIGHT * 3];
        Arrays.fill(frame, (byte) GREY);
        return frame;
    }

    /** Pixels in [x0, x1) x [y0, y1) are exactly {@code bgr}; all others are still grey. */
    private static void assertPainted(byte[] frame, int x0, int y0, int x1, int y1, int[] bgr) {
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean inside = x >= x0 && x < x1 && y >= y0 && y < y1;
                int[] actual = Synthetic.pixel(frame, WIDTH, x, y);
                int[] expected = inside ? bgr : new int[] {GREY, GREY, GREY};
                assertEquals(expected[0], actual[0], "blue at (" + x + ", " + y + ")");
                assertEquals(expected[1], actual[1], "green at (" + x + ", " + y + ")");
                assertEquals(expected[2], actual[2], "red at (" + x + ", " + y + ")");
            }
        }
    }
}
