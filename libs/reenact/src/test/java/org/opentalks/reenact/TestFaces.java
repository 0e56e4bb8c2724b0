package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.drivers.DriverBank;
import org.opentalks.drivers.DriverRef;
import org.opentalks.drivers.SourcePose;

/** The sample faces, cropped the way the render-worker crops them. */
final class TestFaces {
    static final int SIZE = 512;

    /** A face crop: BGR pixels and landmarks in crop coordinates. */
    record Face(String name, byte[] bgr, List<Point> landmarks) {
    }

    private TestFaces() {
    }

    /** Settings that leave the photo as it is (no sharpening, no normalization): pixels compare to it. */
    static final AnimationSettings PLAIN = new AnimationSettings(1, 0, false, false, null);

    private static final DriverBank BANK = DriverBank.load();

    /** A track from the driver bank for a frontal face, without phrase nods. */
    static DriverTrack bankDriver(String url, double seconds, double fps, long seed) {
        return BANK.track(DriverRef.parse(url), true, SourcePose.FRONTAL, null, seconds, fps, seed);
    }

    static Performance plain(VisemeTrack visemes, DriverTrack driver) {
        return new Performance(visemes, null, driver, PLAIN);
    }

    /** The astronaut (smiling, teeth showing), face about 40 % of the crop width. */
    static Face astronaut() throws IOException {
        return load("astronaut", "astronaut.png", new Box(112, 20, 220, 220));
    }

    /** Grace Hopper (mouth closed); the crop reaches above the photo, exercising the border. */
    static Face graceHopper() throws IOException {
        return load("grace_hopper", "grace_hopper.jpg", new Box(18, -5, 500, 500));
    }

    static Path sample(String file) {
        String root = System.getProperty("opentalks.root");
        assertNotNull(root, "system property opentalks.root is not set (run the tests through Maven)");
        Path path = Path.of(root, ".opentalks", "samples", file);
        assertTrue(Files.isRegularFile(path), path + " is missing: run ./opentalks setup");
        return path;
    }

    static BufferedImage photo(String file) throws IOException {
        BufferedImage image = ImageIO.read(sample(file).toFile());
        assertNotNull(image, "cannot decode " + file);
        return image;
    }

    private static Face load(String name, String file, Box crop) throws IOException {
        BufferedImage photo = photo(file);
        List<Point> landmarks = landmarks(name);
        return new Face(name, CropExtractor.extract(photo, crop, SIZE), CropExtractor.toCrop(landmarks, crop, SIZE));
    }

    static List<Point> landmarks(String name) throws IOException {
        List<Point> points = new ArrayList<>();
        try (InputStream in = TestFaces.class.getResourceAsStream("/landmarks/" + name + ".txt")) {
            assertNotNull(in, "missing test resource landmarks/" + name + ".txt");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] xy = line.trim().split("\\s+");
                    points.add(new Point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
                }
            }
        }
        assertEquals(68, points.size(), "landmark count of " + name);
        return points;
    }

    /** Writes a BGR frame as PNG under target/reenact-frames for a person to look at. */
    static void writePng(byte[] bgr, int size, String name) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int o = 3 * (y * size + x);
                image.setRGB(x, y, (bgr[o + 2] & 0xff) << 16 | (bgr[o + 1] & 0xff) << 8 | (bgr[o] & 0xff));
            }
        }
        Path dir = Path.of("target", "reenact-frames");
        Files.createDirectories(dir);
        ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
    }

    /**
     * Writes a contact sheet: the same {@code w × h} region (top-left x0, y0) of each frame,
     * magnified {@code zoom}×, three to a row.
     */
    static void writeSheet(List<byte[]> frames, int size, int x0, int y0, int w, int h, int zoom, String name)
            throws IOException {
        int cols = 3;
        int rows = (frames.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * w * zoom, rows * h * zoom, BufferedImage.TYPE_INT_RGB);
        for (int f = 0; f < frames.size(); f++) {
            byte[] bgr = frames.get(f);
            int ox = (f % cols) * w * zoom;
            int oy = (f / cols) * h * zoom;
            for (int y = 0; y < h * zoom; y++) {
                for (int x = 0; x < w * zoom; x++) {
                    int sx = Math.min(size - 1, Math.max(0, x0 + x / zoom));
                    int sy = Math.min(size - 1, Math.max(0, y0 + y / zoom));
                    int o = 3 * (sy * size + sx);
                    int rgb = (bgr[o + 2] & 0xff) << 16 | (bgr[o + 1] & 0xff) << 8 | (bgr[o] & 0xff);
                    image.setRGB(ox + x, oy + y, rgb);
                }
            }
        }
        Path dir = Path.of("target", "reenact-frames");
        Files.createDirectories(dir);
        ImageIO.write(image, "png", dir.resolve(name + ".png").toFile());
    }

    /** Mean absolute difference over a rectangle, all channels. */
    static double meanAbsDiff(byte[] a, byte[] b, int size, int x0, int y0, int x1, int y1) {
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int o = 3 * (y * size + x);
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs((a[o + c] & 0xff) - (b[o + c] & 0xff));
                }
            }
        }
        return (double) sum / (3L * (x1 - x0) * (y1 - y0));
    }

    /** Mean intensity over a rectangle, all channels. */
    static double mean(byte[] a, int size, int x0, int y0, int x1, int y1) {
        long sum = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int o = 3 * (y * size + x);
                sum += (a[o] & 0xff) + (a[o + 1] & 0xff) + (a[o + 2] & 0xff);
            }
        }
        return (double) sum / (3L * (x1 - x0) * (y1 - y0));
    }
}
