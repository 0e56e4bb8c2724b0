package org.opentalks.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S3Proxy serving the S3 API from a directory (its jclouds filesystem backend), with SigV2/SigV4
 * authentication, so the services' MinIO SDK code runs unchanged against it. Objects are plain files
 * under {@code dataDir/blobs}, so they survive a restart.
 */
public final class S3ProxyServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(S3ProxyServer.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms16m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true");

    private final ChildProcess process;
    private final String endpoint;

    private S3ProxyServer(ChildProcess process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts S3Proxy without a class data archive; see {@link #start(Path, Path, int, String, String, Path)}. */
    public static S3ProxyServer start(Path s3proxyJar, Path dataDir, int port, String accessKey, String secretKey) {
        return start(s3proxyJar, dataDir, port, accessKey, secretKey, null);
    }

    /**
     * Starts S3Proxy and waits until it answers its health check.
     *
     * @param port         0 picks a free port
     * @param classDataDir where to keep S3Proxy's class data archive; null runs without one
     */
    public static S3ProxyServer start(Path s3proxyJar, Path dataDir, int port, String accessKey, String secretKey,
                                      Path classDataDir) {
        long started = System.nanoTime();
        // Absolute, because S3Proxy runs in dataDir and reads these paths from there.
        s3proxyJar = s3proxyJar.toAbsolutePath();
        dataDir = dataDir.toAbsolutePath();
        if (!Files.isRegularFile(s3proxyJar)) {
            throw new InfraException("no S3Proxy jar at " + s3proxyJar + ": build first: mvn install -DskipTests");
        }
        int httpPort = Ports.orFree(port, "S3Proxy");
        String endpoint = "http://" + HOST + ":" + httpPort;
        Path blobs = dataDir.resolve("blobs");
        Path config = dataDir.resolve("s3proxy.conf");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("s3proxy.endpoint", endpoint);
        settings.put("s3proxy.authorization", "aws-v2-or-v4");
        settings.put("s3proxy.identity", accessKey);
        settings.put("s3proxy.credential", secretKey);
        settings.put("jclouds.provider", "filesystem");
        settings.put("jclouds.filesystem.basedir", blobs.toAbsolutePath().toString());
        writeConfig(config, settings, blobs);

        ClassDataArchive archive = classDataDir == null ? null
                : ClassDataArchive.of(classDataDir, "s3proxy", List.of(s3proxyJar));
        List<String> jvm = new ArrayList<>(JVM_OPTIONS);
        if (archive != null) {
            jvm.addAll(archive.jvmOptions());
        }
        ChildProcess process = ChildProcess.builder("S3Proxy")
                .java(jvm, List.of("-jar", s3proxyJar.toString(), "--properties", config.toString()))
                .directory(dataDir)
                .logFile(dataDir.resolve("s3proxy.log"))
                // Time for the first run to write its class data archive at exit (seconds on a busy machine).
                .stopGrace(Duration.ofSeconds(30))
                .afterExit(clean -> {
                    if (archive != null) {
                        archive.publish(clean);
                    }
                })
                .start();
        try {
            process.awaitHttp(URI.create(endpoint + "/healthz"), START_TIMEOUT);
        } catch (RuntimeException e) {
            process.stop();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "S3Proxy ready on {0} in {1} ms (pid {2}, data {3})",
                endpoint, (System.nanoTime() - started) / 1_000_000, Long.toString(process.pid()), dataDir);
        return new S3ProxyServer(process, endpoint);
    }

    /** The S3 endpoint, e.g. {@code http://127.0.0.1:9000}. */
    public String endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        long started = System.nanoTime();
        boolean clean = process.stop();
        LOG.log(System.Logger.Level.INFO, "S3Proxy on {0} stopped{1} in {2} ms", endpoint, clean ? "" : " (killed)",
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void writeConfig(Path config, Map<String, String> settings, Path blobs) {
        StringBuilder text = new StringBuilder("# Written by OpenTalks local-infra at every start.\n");
        settings.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        try {
            Files.createDirectories(blobs);
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }
}
