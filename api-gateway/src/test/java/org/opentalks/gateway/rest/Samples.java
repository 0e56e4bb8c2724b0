package org.opentalks.gateway.rest;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The sample photos `./opentalks setup` installs under {@code .opentalks/samples}. */
final class Samples {
    static Path photo(String name) {
        String root = System.getProperty("opentalks.root");
        if (root == null) {
            fail("system property opentalks.root is not set: run the tests through Maven");
        }
        Path file = Path.of(root, ".opentalks", "samples", name);
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing: run ./opentalks setup");
        }
        return file;
    }

    private Samples() {
    }
}
