package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ContactSheetTest {
    private static final int COLUMNS = 3;
    private static final int THUMB = 128;

    /** A frame of one colour, packed BGR24. */
    static byte[] solid(int width, int height, int r, int g, int b) {
        byte[] bgr = new byte[width * height * 3];
        for (int i = 0; i < bgr.length; i += 3) {
            bgr[i] = (byte) b;
            bgr[i + 1] = (byte) g;
            bgr[i + 2] = (byte) r;
        }
        return bgr;
    }

    /** Black and white alternating pixel by pixel: detail far finer than a thumbnail can show. */
    static byte[] checkerboard(int size) {
        byte[] bgr = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                Arrays.fill(bgr, 3 * (y * size + x), 3 * (y * size + x) + 3, (byte) ((x + y) % 2 == 0 ? 255 : 0));
            }
        }
        return bgr;
    }

    @Test
    void writesAGridOfThumbnailsWithCaptions() throws IOException {
        ContactSheet sheet = new ContactSheet(COLUMNS, THUMB);
        byte[] reused = solid(160, 120, 0, 0, 255);
        sheet.add(reused, 160, 120, "talk 1 · f 37 · AA");
        // The sheet keeps its own copy: the caller's buffer is free for the next frame.
        Arrays.fill(reused, (byte) 0);
        sheet.add(solid(120, 160, 255, 0, 0), 120, 160, "happy 0.8");
        sheet.add(checkerboard(300), 300, 300, "checker");
        sheet.add(solid(200, 200, 0, 255, 0), 200, 200, "");
        sheet.add(solid(64, 64, 128, 128, 128), 64, 64,
                "a caption far too long to fit under one thumbnail of this size, cut short");
        Path file = Path.of("target", "contact-sheet", "sheet.png");
        sheet.writePng(file);

        BufferedImage png = ImageIO.read(file.toFile());
        assertNotNull(png, "the sheet is not a readable PNG");
        assertEquals(5, sheet.size());
        assertEquals(COLUMNS * sheet.cellWidth(), png.getWidth(), "width: three cells");
        assertEquals(2 * sheet.cellHeight(), png.getHeight(), "height: two rows");
        assertTrue(sheet.cellWidth() >= THUMB && sheet.cellHeight() > THUMB + 12, "cells hold a thumbnail and a line");

        // Each thumbnail in its square, in its colour (BGR read as BGR), the aspect ratio kept.
        assertColour(png, centre(sheet.thumbnailBounds(0)), 0, 0, 255);
        assertColour(png, centre(sheet.thumbnailBounds(1)), 255, 0, 0);
        assertColour(png, centre(sheet.thumbnailBounds(3)), 0, 255, 0);
        assertColour(png, centre(sheet.thumbnailBounds(4)), 128, 128, 128);
        Rectangle wide = sheet.thumbnailBounds(0);
        assertBackground(png, wide.x + THUMB / 2, wide.y + 4, "above a 4:3 frame's thumbnail");
        Rectangle tall = sheet.thumbnailBounds(1);
        assertBackground(png, tall.x + 4, tall.y + THUMB / 2, "left of a 3:4 frame's thumbnail");

        // Shrinking a pixel checkerboard 2.3× gives even grey, not aliasing stripes.
        Rectangle checker = sheet.thumbnailBounds(2);
        int darkest = 255;
        int lightest = 0;
        for (int y = checker.y + 10; y < checker.y + THUMB - 10; y++) {
            for (int x = checker.x + 10; x < checker.x + THUMB - 10; x++) {
                darkest = Math.min(darkest, png.getRGB(x, y) & 0xff);
                lightest = Math.max(lightest, png.getRGB(x, y) & 0xff);
            }
        }
        assertTrue(darkest > 100 && lightest < 155, "checkerboard thumbnail ranges " + darkest + "–" + lightest);

        // Captions: light text under the captioned frames, nothing under the others.
        int[] text = new int[6];
        for (int i = 0; i < 6; i++) {
            text[i] = lightPixels(png, sheet.captionBounds(i));
        }
        System.out.println("contact sheet " + png.getWidth() + "x" + png.getHeight() + ", caption pixels "
                + Arrays.toString(text));
        assertTrue(text[0] > 30 && text[1] > 30 && text[2] > 30 && text[4] > 30, "captions missing");
        assertEquals(0, text[3], "an empty caption draws nothing");
        assertEquals(0, text[5], "the empty cell has no caption");
        // The long caption is cut to its thumbnail's width: the gap to the next cell stays dark.
        Rectangle cut = sheet.captionBounds(4);
        Rectangle gap = new Rectangle(cut.x + cut.width, cut.y, 2 * ContactSheet.PADDING, cut.height);
        assertEquals(0, lightPixels(png, gap), "the long caption runs into the next cell");
        // A dark background for light text.
        assertBackground(png, 1, 1, "corner");
    }

    @Test
    void rejectsShortFramesAndEmptySheets() {
        ContactSheet sheet = new ContactSheet(2, 64);
        assertThrows(IllegalArgumentException.class, () -> sheet.add(new byte[10], 4, 4, "x"));
        assertThrows(IllegalStateException.class, sheet::render);
    }

    private static int[] centre(Rectangle r) {
        return new int[] {r.x + r.width / 2, r.y + r.height / 2};
    }

    private static void assertColour(BufferedImage png, int[] at, int r, int g, int b) {
        int rgb = png.getRGB(at[0], at[1]);
        int[] got = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
        assertTrue(Math.abs(got[0] - r) <= 2 && Math.abs(got[1] - g) <= 2 && Math.abs(got[2] - b) <= 2,
                "at " + Arrays.toString(at) + " expected " + r + "," + g + "," + b + " got " + Arrays.toString(got));
    }

    private static void assertBackground(BufferedImage png, int x, int y, String where) {
        int rgb = png.getRGB(x, y);
        assertEquals(ContactSheet.BACKGROUND.getRGB() & 0xffffff, rgb & 0xffffff, where + " should be background");
    }

    /** Pixels in the rectangle brighter than mid-grey: caption text on the dark background. */
    private static int lightPixels(BufferedImage png, Rectangle r) {
        int count = 0;
        for (int y = r.y; y < Math.min(png.getHeight(), r.y + r.height); y++) {
            for (int x = r.x; x < Math.min(png.getWidth(), r.x + r.width); x++) {
                int rgb = png.getRGB(x, y);
                int luma = (((rgb >> 16) & 0xff) * 77 + ((rgb >> 8) & 0xff) * 150 + (rgb & 0xff) * 29) >> 8;
                if (luma > 128) {
                    count++;
                }
            }
        }
        return count;
    }
}
