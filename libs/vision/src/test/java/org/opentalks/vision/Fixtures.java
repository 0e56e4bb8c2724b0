package org.opentalks.vision;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The real models and sample photos that {@code ./opentalks setup} installs; missing files fail the test. */
final class Fixtures {
    static final Path SHAPE_PREDICTOR = Path.of("/usr/share/dlib/shape_predictor_68_face_landmarks.dat");
    static final long SHAPE_PREDICTOR_BYTES = 99_693_937L;

    static Path root() {
        String root = System.getProperty("opentalks.root");
        if (root == null) {
            fail("system property opentalks.root is not set: run the tests through Maven from the repository");
        }
        return Path.of(root);
    }

    static Path blazeFaceDir() {
        Path dir = root().resolve(".opentalks/models/blazeface");
        require(dir.resolve(BlazeFaceDetector.FRONT_MODEL));
        require(dir.resolve(BlazeFaceDetector.BACK_MODEL));
        return dir;
    }

    static Path shapePredictor() {
        return require(SHAPE_PREDICTOR);
    }

    static BufferedImage sample(String name) {
        Path file = require(root().resolve(".opentalks/samples").resolve(name));
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                fail(file + " is not a readable image: run ./opentalks setup again");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing: run ./opentalks setup");
        }
        return file;
    }

    /** Folder under target/ for pictures a person can look at. */
    static Path outputDir() throws IOException {
        return Files.createDirectories(Path.of("target", "faces"));
    }

    private Fixtures() {
    }
}
