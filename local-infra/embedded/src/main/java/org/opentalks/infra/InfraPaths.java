package org.opentalks.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the build put the broker's and S3Proxy's jars ({@code local-infra/runtime}'s
 * {@code target/runtime}): {@code -Dopentalks.runtime.dir}, else
 * {@code ${opentalks.root}/local-infra/runtime/target/runtime}.
 */
public final class InfraPaths {
    public static final String RUNTIME_DIR_PROPERTY = "opentalks.runtime.dir";
    public static final String ROOT_PROPERTY = "opentalks.root";
    private static final String BUILD_FIRST = "build first: mvn install -DskipTests";

    private InfraPaths() {
    }

    /** The runtime directory named by the system properties; fails with what to do when it is missing. */
    public static Path runtimeDir() {
        String runtime = System.getProperty(RUNTIME_DIR_PROPERTY);
        String root = System.getProperty(ROOT_PROPERTY);
        if (runtime == null && root == null) {
            throw new InfraException("cannot find the local infrastructure runtime: set -D" + RUNTIME_DIR_PROPERTY
                    + " or -D" + ROOT_PROPERTY + " (the repository root)");
        }
        return checked(runtime != null ? Path.of(runtime)
                : Path.of(root).resolve("local-infra").resolve("runtime").resolve("target").resolve("runtime"));
    }

    /** Fails unless {@code runtimeDir} holds both the Kafka jars and S3Proxy. */
    public static Path checked(Path runtimeDir) {
        if (!Files.isDirectory(kafkaDir(runtimeDir)) || !Files.isDirectory(runtimeDir.resolve("s3proxy"))) {
            throw new InfraException("local infrastructure runtime not found at " + runtimeDir.toAbsolutePath()
                    + ": " + BUILD_FIRST);
        }
        return runtimeDir;
    }

    public static Path kafkaDir(Path runtimeDir) {
        return runtimeDir.resolve("kafka");
    }

    /** The one {@code s3proxy-*-jar-with-dependencies.jar} under {@code runtimeDir/s3proxy}. */
    public static Path s3proxyJar(Path runtimeDir) {
        try (Stream<Path> files = Files.list(runtimeDir.resolve("s3proxy"))) {
            return files.filter(f -> f.getFileName().toString().matches("s3proxy-.*-jar-with-dependencies\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new InfraException("no S3Proxy jar in " + runtimeDir.resolve("s3proxy")
                            + ": " + BUILD_FIRST));
        } catch (IOException e) {
            throw new InfraException("cannot read " + runtimeDir.resolve("s3proxy") + ": " + BUILD_FIRST, e);
        }
    }
}
