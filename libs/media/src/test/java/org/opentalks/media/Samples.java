package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The sample photos that {@code ./opentalks setup} installs; a missing one fails the test. */
final class Samples {
    static BufferedImage photo(String name) throws IOException {
        String root = System.getProperty("opentalks.root");
        if (root == null) {
            fail("system property opentalks.root is not set: run the tests through Maven from the repository");
        }
        Path file = Path.of(root, ".opentalks", "samples", name);
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing: run ./opentalks setup");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            fail(file + " is not a readable image: run ./opentalks setup again");
        }
        return image;
    }

    private Samples() {
    }
}
