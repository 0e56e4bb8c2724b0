package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.Point;

class CropExtractorTest {

    private static int channel(int rgb, int c) {
        return (rgb >> (8 * c)) & 0xff; // c: 0 = B, 1 = G, 2 = R
    }

    @Test
    void cropAtScaleOneCopiesThePhotoPixels() throws IOException {
        BufferedImage photo = TestFaces.photo("astronaut.png");
        Box crop = new Box(100, 50, 64, 64);
        byte[] bgr = CropExtractor.extract(photo, crop, 64);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int rgb = photo.getRGB(100 + x, 50 + y);
                for (int c = 0; c < 3; c++) {
                    assertEquals(channel(rgb, c), bgr[3 * (y * 64 + x) + c] & 0xff, "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void cropBeyondThePhotoReplicatesItsBorder() throws IOException {
        BufferedImage photo = TestFaces.photo("astronaut.png");
        // Twice magnified, starting 40 px above and left of the photo.
        byte[] bgr = CropExtractor.extract(photo, new Box(-40, -40, 100, 100), 200);
        int corner = photo.getRGB(0, 0);
        for (int y = 0; y < 70; y++) {
            for (int x = 0; x < 70; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(channel(corner, c), bgr[3 * (y * 200 + x) + c] & 0xff, "pixel " + x + "," + y);
                }
            }
        }
        // Above the photo, inside its columns, every row repeats the photo's first row: crop column
        // 150 samples photo x = -40 + 150.5 / 2 - 0.5 = 34.75.
        for (int c = 0; c < 3; c++) {
            double expected = 0.25 * channel(photo.getRGB(34, 0), c) + 0.75 * channel(photo.getRGB(35, 0), c);
            for (int y = 0; y < 70; y++) {
                assertEquals(expected, bgr[3 * (y * 200 + 150) + c] & 0xff, 0.51, "row " + y);
            }
        }
    }

    @Test
    void landmarksLandOnTheSamePixelsInTheCrop() throws IOException {
        BufferedImage photo = TestFaces.photo("astronaut.png");
        Box crop = new Box(112, 20, 220, 220);
        int size = 440; // exactly 2× so photo pixel centres fall between crop pixels predictably
        byte[] bgr = CropExtractor.extract(photo, crop, size);
        List<Point> photoPoints = List.of(new Point(112, 20), new Point(225, 134), new Point(331, 239));
        List<Point> cropPoints = CropExtractor.toCrop(photoPoints, crop, size);
        assertEquals(0.5, cropPoints.get(0).x(), 1e-9);
        assertEquals(0.5, cropPoints.get(0).y(), 1e-9);
        assertEquals(226.5, cropPoints.get(1).x(), 1e-9);
        assertEquals(228.5, cropPoints.get(1).y(), 1e-9);
        // Crop pixels 226 and 227 straddle photo pixel 225's centre: their mean is that pixel,
        // up to what its neighbours blend in, so compare against a 3×3 neighbourhood range.
        Point p = cropPoints.get(1);
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    sum += bgr[3 * (((int) p.y() + dy) * size + (int) p.x() + dx) + c] & 0xff;
                }
            }
            int lo = 255;
            int hi = 0;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int v = channel(photo.getRGB(225 + dx, 134 + dy), c);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            double mean = sum / 4;
            assertEquals(true, mean >= lo - 0.5 && mean <= hi + 0.5, "channel " + c + ": " + mean);
        }
    }

    @Test
    void largeCropsAreAveragedNotAliased() {
        // Stripes of period 8 (3 white, 5 black) shrunk 8×: each output pixel covers one period, so
        // it should be 3/8 white, not whatever single pixel a lone bilinear tap happens to hit.
        BufferedImage stripes = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                stripes.setRGB(x, y, x % 8 < 3 ? 0xffffff : 0);
            }
        }
        byte[] bgr = CropExtractor.extract(stripes, new Box(0, 0, 64, 64), 8);
        for (int i = 0; i < bgr.length; i++) {
            assertEquals(255 * 3 / 8.0, bgr[i] & 0xff, 2, "byte " + i);
        }
    }
}
