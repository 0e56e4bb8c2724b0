package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Box;

class StitchCompositorTest {
    @Test
    void keepsThePhotoSizeUpTo1280OnTheLongSideWithEvenSides() {
        assertSize(800, 600, 800, 600);
        assertSize(2000, 1500, 1280, 960);
        assertSize(1500, 2000, 960, 1280);
        assertSize(1920, 1080, 1280, 720);
        assertSize(801, 601, 800, 600);
        assertSize(512, 600, 512, 600);
    }

    @Test
    void pixelsOutsideTheBoxAreExactlyThePhoto() {
        BufferedImage photo = Synthetic.photo(800, 600);
        Box crop = new Box(250.3, 100.7, 300, 300);
        try (StitchCompositor compositor = new StitchCompositor(photo, crop)) {
            byte[] out = compositor.compose(Synthetic.purpleFrame(512, 0));
            byte[] expected = Synthetic.purpleFrame(1, 0);
            byte[] original = bgr(photo);
            assertArrayEquals(original, compositor.photoBgr(), "an 800x600 photo is not rescaled");
            int changedOutside = 0;
            for (int y = 0; y < 600; y++) {
                for (int x = 0; x < 800; x++) {
                    boolean inside = x + 0.5 > crop.x() && x + 0.5 < crop.x() + crop.width()
                            && y + 0.5 > crop.y() && y + 0.5 < crop.y() + crop.height();
                    int i = (y * 800 + x) * 3;
                    if (!inside && (out[i] != original[i] || out[i + 1] != original[i + 1]
                            || out[i + 2] != original[i + 2])) {
                        changedOutside++;
                    }
                }
            }
            assertEquals(0, changedOutside, "pixels changed outside the crop box");
            // Inside the feathered border the crop replaces the photo entirely.
            assertArrayEquals(Synthetic.pixel(expected, 1, 0, 0), Synthetic.pixel(out, 800, 400, 250));
            assertArrayEquals(Synthetic.pixel(expected, 1, 0, 0), Synthetic.pixel(out, 800, 280, 130));
        }
    }

    @Test
    void theSeamRampsSmoothlyFromPhotoToCrop() {
        BufferedImage photo = solid(600, 600, 0x000000);
        Box crop = new Box(100, 100, 400, 400);
        try (StitchCompositor compositor = new StitchCompositor(photo, crop, 4, 4)) {
            byte[] white = new byte[4 * 4 * 3];
            java.util.Arrays.fill(white, (byte) 255);
            byte[] out = compositor.compose(white);
            // Along the row through the centre: 0 left of the box, rising over 8% of 400 = 32
            // pixels, then full.
            int previous = 0;
            for (int x = 90; x <= 300; x++) {
                int value = Synthetic.pixel(out, 600, x, 300)[0];
                assertTrue(value >= previous, "the ramp must not dip at x=" + x);
                assertTrue(value - previous <= 14, "a step of " + (value - previous) + " at x=" + x);
                previous = value;
            }
            assertEquals(0, Synthetic.pixel(out, 600, 99, 300)[0]);
            assertEquals(255, Synthetic.pixel(out, 600, 132, 300)[0]);
            int halfway = Synthetic.pixel(out, 600, 116, 300)[0];
            assertTrue(halfway > 100 && halfway < 155, "mid-ramp value " + halfway);
            // The corner ramps on both axes: darker than the edge midpoint at the same inset.
            assertTrue(Synthetic.pixel(out, 600, 110, 110)[0] < Synthetic.pixel(out, 600, 110, 300)[0]);
        }
    }

    @Test
    void scalesTheCropOntoItsBox() {
        BufferedImage photo = solid(1000, 1000, 0x808080);
        Box crop = new Box(200, 200, 512, 512);
        // A 512x512 crop with a black left half and a white right half, on a 1:1 box.
        byte[] frame = new byte[512 * 512 * 3];
        for (int y = 0; y < 512; y++) {
            for (int x = 256; x < 512; x++) {
                int i = (y * 512 + x) * 3;
                frame[i] = frame[i + 1] = frame[i + 2] = (byte) 255;
            }
        }
        try (StitchCompositor compositor = new StitchCompositor(photo, crop)) {
            byte[] out = compositor.compose(frame);
            assertEquals(0, Synthetic.pixel(out, 1000, 200 + 255, 456)[0]);
            assertEquals(255, Synthetic.pixel(out, 1000, 200 + 256, 456)[0]);
        }
        // The same crop on a box half the size: the edge lands at 100 + 128.
        try (StitchCompositor compositor = new StitchCompositor(photo, new Box(100, 100, 256, 256))) {
            byte[] out = compositor.compose(frame);
            assertEquals(0, Synthetic.pixel(out, 1000, 100 + 126, 228)[0]);
            assertEquals(255, Synthetic.pixel(out, 1000, 100 + 129, 228)[0]);
        }
    }

    @Test
    void handlesACropBeyondThePhotoEdges() {
        BufferedImage photo = Synthetic.photo(640, 480);
        try (StitchCompositor compositor = new StitchCompositor(photo, new Box(-200, 300, 500, 500))) {
            byte[] out = compositor.compose(Synthetic.purpleFrame(512, 3));
            assertEquals(640 * 480 * 3, out.length);
            assertArrayEquals(Synthetic.pixel(Synthetic.purpleFrame(1, 3), 1, 0, 0), Synthetic.pixel(out, 640, 5, 470));
            assertArrayEquals(Synthetic.pixel(bgr(photo), 640, 639, 0), Synthetic.pixel(out, 640, 639, 0));
        }
        try (StitchCompositor compositor = new StitchCompositor(photo, new Box(700, 500, 100, 100))) {
            assertArrayEquals(bgr(photo), compositor.compose(Synthetic.purpleFrame(512, 0)),
                    "a box entirely outside the photo leaves it unchanged");
        }
    }

    @Test
    void rejectsFramesOfTheWrongSize() {
        try (StitchCompositor compositor = new StitchCompositor(Synthetic.photo(64, 64), new Box(0, 0, 32, 32))) {
            assertThrows(IllegalArgumentException.class, () -> compositor.compose(new byte[100]));
        }
        assertThrows(IllegalArgumentException.class,
                () -> new StitchCompositor(Synthetic.photo(64, 64), new Box(0, 0, 0, 32)));
    }

    @Tag("bench")
    @Test
    void composesHdFramesQuickly() {
        BufferedImage photo = Synthetic.photo(1280, 720);
        Box crop = new Box(340, 60, 600, 600);
        byte[][] frames = new byte[10][];
        for (int t = 0; t < frames.length; t++) {
            frames[t] = Synthetic.movingGradient(512, 512, t);
        }
        try (StitchCompositor compositor = new StitchCompositor(photo, crop)) {
            byte[] out = new byte[1280 * 720 * 3];
            for (int i = 0; i < 50; i++) {
                compositor.compose(frames[i % frames.length], out);
            }
            int n = 300;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                compositor.compose(frames[i % frames.length], out);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("StitchCompositor 512x512 -> 1280x720 (600x600 box): %.0f fps%n", n / seconds);
            assertEquals(1280 * 720 * 3, out.length);
        }
    }

    private static void assertSize(int photoWidth, int photoHeight, int width, int height) {
        try (StitchCompositor compositor = new StitchCompositor(Synthetic.photo(photoWidth, photoHeight),
                new Box(10, 10, 50, 50))) {
            assertEquals(width, compositor.width(), "width for " + photoWidth + "x" + photoHeight);
            assertEquals(height, compositor.height(), "height for " + photoWidth + "x" + photoHeight);
            assertEquals(width * height * 3, compositor.photoBgr().length);
        }
    }

    private static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static byte[] bgr(BufferedImage image) {
        byte[] out = new byte[image.getWidth() * image.getHeight() * 3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int i = (y * image.getWidth() + x) * 3;
                out[i] = (byte) rgb;
                out[i + 1] = (byte) (rgb >> 8);
                out[i + 2] = (byte) (rgb >> 16);
            }
        }
        return out;
    }
}
