package org.opentalks.reenact.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;
import org.opentalks.reenact.CropExtractor;
import org.opentalks.vision.BlazeFaceDetector;
import org.opentalks.vision.FaceAnalyzer;

/**
 * What {@code ./opentalks setup} installs (the face models and the sample portraits), prepared the
 * way the services prepare a talk: the detector finds the face and its landmarks, the crop is cut
 * and the landmarks mapped into it. A missing file fails the test.
 */
final class Fixtures {
    static final int SIZE = 512;
    static final Path SHAPE_PREDICTOR = Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");

    /**
     * A sample portrait as the renderer gets it: the {@code SIZE²} BGR crop and its landmarks in crop
     * pixels.
     *
     * @param detectorReadsEyes whether the instrument that measures the renders (dlib's C++ tool)
     *                          follows this face's lids, brows and centre. Not through Grace
     *                          Hopper's glasses: during the driver's blinks her eye aspect ratio
     *                          drops only to 0.77–0.86 of its median (0.32), and to 0.77 in a frame
     *                          with open eyes; surprise lifts her brows 0.013 iod by the landmarks
     *                          against 0.079 by image registration; and with no motion at all her
     *                          face centre wanders 4.6 px (registration: 0.11 px), and 1.0 px on
     *                          copies of the crop with ±2 levels of noise. For such a face
     *                          lids, brows and centre are measured on the pixels instead (image
     *                          registration and eye-region change).
     */
    record Portrait(String name, byte[] crop, List<Point> landmarks, boolean detectorReadsEyes) {
    }

    private Fixtures() {
    }

    static Path root() {
        String root = System.getProperty("opentalks.root");
        if (root == null) {
            fail("system property opentalks.root is not set: run the tests through Maven from the repository");
        }
        return Path.of(root);
    }

    static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing: run ./opentalks setup");
        }
        return file;
    }

    /** The detector the services use: BlazeFace boxes, dlib's 68 landmarks. */
    static FaceAnalyzer analyzer() {
        Path blazeFace = root().resolve(".opentalks/models/blazeface");
        require(blazeFace.resolve(BlazeFaceDetector.FRONT_MODEL));
        require(blazeFace.resolve(BlazeFaceDetector.BACK_MODEL));
        try {
            return FaceAnalyzer.load(blazeFace, require(SHAPE_PREDICTOR));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the face models (run ./opentalks setup)", e);
        }
    }

    static BufferedImage photo(String file) {
        Path path = require(root().resolve(".opentalks/samples").resolve(file));
        try {
            BufferedImage image = ImageIO.read(path.toFile());
            assertTrue(image != null, path + " is not a readable image: run ./opentalks setup again");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Analyses the photo and crops it as the render-worker does. */
    /** Both sample portraits: the astronaut, and Grace Hopper, whose glasses hide her lids from a detector. */
    static List<Portrait> portraits(FaceAnalyzer analyzer) {
        return List.of(portrait(analyzer, "astronaut", "astronaut.png", true),
                portrait(analyzer, "grace_hopper", "grace_hopper.jpg", false));
    }

    static Portrait portrait(FaceAnalyzer analyzer, String name, String file, boolean detectorReadsEyes) {
        BufferedImage photo = photo(file);
        FaceDocument face = analyzer.analyze(photo)
                .orElseGet(() -> fail("no face found in " + file + ": the detector or the sample is broken"));
        return new Portrait(name, CropExtractor.extract(photo, face.crop(), SIZE),
                CropExtractor.toCrop(face.landmarks(), face.crop(), SIZE), detectorReadsEyes);
    }

    /** A packed BGR24 frame as an image the detector reads, sharing no memory with {@code bgr}. */
    static BufferedImage image(byte[] bgr, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        // TYPE_3BYTE_BGR keeps its pixels as B, G, R bytes, the frame's own layout. (setDataElements would
        // take them in band order, R, G, B, and swap red and blue.)
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(bgr, 0, pixels, 0, pixels.length);
        return image;
    }

    /** The image's pixels as packed BGR24, rows top to bottom: what a frame is. */
    static byte[] bgr(BufferedImage image) {
        BufferedImage packed = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        packed.getGraphics().drawImage(image, 0, 0, null);
        return ((DataBufferByte) packed.getRaster().getDataBuffer()).getData();
    }

    /** Writes a BGR frame as PNG under target/quality for a person to look at. */
    static void writePng(byte[] bgr, int size, String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "quality"));
            ImageIO.write(image(bgr, size, size), "png", dir.resolve(name + ".png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
