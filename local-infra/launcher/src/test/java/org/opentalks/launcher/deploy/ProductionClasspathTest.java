package org.opentalks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What each packaged service runs with ({@code <module>/target/quarkus-app}, what its image carries)
 * holds no test code: no test framework or test-only library among its jars, and no JUnit class nor
 * OpenTalks test support inside any of them.
 */
class ProductionClasspathTest {
    private static final Path ROOT = Path.of(System.getProperty("opentalks.root")).toAbsolutePath();
    /** Jars that only tests need. */
    private static final Pattern TEST_JARS = Pattern.compile(
            ".*(junit|testcontainers|kafka-test-companion|opentalks-service-testing|opentalks-local-infra|s3proxy"
                    + "|rest-assured|assertj|mockito|quarkus-junit|quarkus-test-).*\\.jar");

    @ParameterizedTest
    @ValueSource(strings = {"api-gateway", "tts-service", "driver-matcher", "render-worker", "muxer",
        "webhook-notifier"})
    void theServiceRunsWithoutTestCode(String module) throws IOException {
        Path app = ROOT.resolve(module).resolve("target/quarkus-app");
        assertTrue(Files.isDirectory(app), app + " is missing: package the services first (mvn install)");
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.walk(app)) {
            files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
        }
        List<String> found = new ArrayList<>();
        for (Path jar : jars) {
            if (TEST_JARS.matcher(jar.getFileName().toString()).matches()) {
                found.add(app.relativize(jar) + " (a test library)");
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith("org/junit/") || name.startsWith("org/opentalks/service/testing/")
                            || name.matches("org/opentalks/.*Test\\.class")) {
                        found.add(app.relativize(jar) + ": " + name);
                        break;
                    }
                }
            }
        }
        System.out.printf("%s: %d jars, %s%n", module, jars.size(), found.isEmpty() ? "no test code" : "test code: " + found);
        assertTrue(found.isEmpty(), module + " carries test code: " + found);
    }
}
