package org.opentalks.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.opentalks.contract.Topics;
import org.opentalks.store.ObjectStore;
import org.opentalks.store.StoreSettings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The infrastructure OpenTalks runs on, started locally: a Kafka broker with every topic of
 * {@link Topics#ALL}, and an S3-compatible store with the bucket. EMBEDDED runs the real broker and
 * S3Proxy as child JVMs (no Docker needed; data kept in the data directory across restarts);
 * CONTAINERS runs Kafka and MinIO containers through Testcontainers (throwaway: nothing survives a
 * restart). The system property {@value #MODE_PROPERTY} or the variable {@value #MODE_ENV}
 * ({@code embedded}, {@code containers}, {@code auto}) overrides the mode asked for.
 */
public final class LocalInfra implements AutoCloseable {
    public static final String MODE_PROPERTY = "opentalks.infra";
    public static final String MODE_ENV = "OPENTALKS_INFRA";
    public static final String ACCESS_KEY = "opentalks";
    /** MinIO wants at least 8 characters. */
    public static final String SECRET_KEY = "opentalks-secret";
    public static final String REGION = "us-east-1";
    public static final int TOPIC_PARTITIONS = 3;
    /** The same Kafka release as the embedded broker. */
    static final String KAFKA_IMAGE = "apache/kafka:4.4.0";
    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-02-28T09-55-16Z";

    private static final System.Logger LOG = System.getLogger(LocalInfra.class.getName());

    public enum Mode {
        EMBEDDED, CONTAINERS,
        /** CONTAINERS when a Docker engine answers, else EMBEDDED. */
        AUTO;

        public static Mode parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown infrastructure mode '" + value
                        + "': use embedded, containers or auto", e);
            }
        }
    }

    /**
     * What to start.
     *
     * @param dataDir      where the embedded broker and S3Proxy keep their data and logs
     * @param kafkaPort    the embedded broker's client port; 0 picks a free one
     * @param s3Port       the embedded S3Proxy's port; 0 picks a free one
     * @param bucket       the bucket created at start
     * @param runtimeDir   the broker's and S3Proxy's jars; null asks {@link InfraPaths#runtimeDir()}
     * @param classDataDir where the broker's and S3Proxy's class data archives are kept; null puts them
     *                     beside the runtime jars they derive from ({@code runtimeDir/../cds}), shared by
     *                     every data directory, so only the very first start records them
     */
    public record Options(Path dataDir, int kafkaPort, int s3Port, Mode mode, String bucket, Path runtimeDir,
                          Path classDataDir) {
        public static Options of(Path dataDir) {
            return new Options(dataDir, 0, 0, Mode.AUTO, "opentalks", null, null);
        }

        public Options withPorts(int kafkaPort, int s3Port) {
            return new Options(dataDir, kafkaPort, s3Port, mode, bucket, runtimeDir, classDataDir);
        }

        public Options withMode(Mode mode) {
            return new Options(dataDir, kafkaPort, s3Port, mode, bucket, runtimeDir, classDataDir);
        }

        public Options withBucket(String bucket) {
            return new Options(dataDir, kafkaPort, s3Port, mode, bucket, runtimeDir, classDataDir);
        }

        public Options withRuntimeDir(Path runtimeDir) {
            return new Options(dataDir, kafkaPort, s3Port, mode, bucket, runtimeDir, classDataDir);
        }

        public Options withClassDataDir(Path classDataDir) {
            return new Options(dataDir, kafkaPort, s3Port, mode, bucket, runtimeDir, classDataDir);
        }
    }

    private final Mode mode;
    private final String kafkaBootstrapServers;
    private final String s3Endpoint;
    private final String bucket;
    /** In start order (the broker, then the store); closed in reverse. */
    private final List<AutoCloseable> parts;
    /** Start the broker and the store again on their ports and data (embedded mode only, else null). */
    private Supplier<KafkaBroker> kafkaAgain;
    private Supplier<S3ProxyServer> storeAgain;

    private LocalInfra(Mode mode, String kafkaBootstrapServers, String s3Endpoint, String bucket,
                       List<AutoCloseable> parts) {
        this.mode = mode;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.s3Endpoint = s3Endpoint;
        this.bucket = bucket;
        this.parts = parts;
    }

    /**
     * Starts Kafka and the object store side by side; each side is ready once it serves, with the
     * topics created (3 partitions each) or the bucket.
     */
    public static LocalInfra start(Options options) {
        long started = System.nanoTime();
        Mode mode = resolve(options.mode());
        LocalInfra infra = mode == Mode.EMBEDDED ? startEmbedded(options) : startContainers(options);
        LOG.log(System.Logger.Level.INFO, "Local infrastructure ({0}) up in {1} ms: Kafka {2}, S3 {3}",
                mode.name().toLowerCase(Locale.ROOT), (System.nanoTime() - started) / 1_000_000,
                infra.kafkaBootstrapServers, infra.s3Endpoint);
        return infra;
    }

    /** EMBEDDED or CONTAINERS: the mode asked for, overridden by the property or variable, AUTO decided. */
    static Mode resolve(Mode requested) {
        String override = System.getProperty(MODE_PROPERTY, System.getenv(MODE_ENV));
        Mode mode = override == null || override.isBlank() ? requested : Mode.parse(override);
        if (mode == Mode.AUTO) {
            return DockerClientFactory.instance().isDockerAvailable() ? Mode.CONTAINERS : Mode.EMBEDDED;
        }
        return mode;
    }

    private static LocalInfra startEmbedded(Options options) {
        Path runtime = options.runtimeDir() != null ? InfraPaths.checked(options.runtimeDir())
                : InfraPaths.runtimeDir();
        Path dataDir = options.dataDir();
        Path classData = options.classDataDir() != null ? options.classDataDir()
                : runtime.toAbsolutePath().resolveSibling("cds");
        Path s3proxyJar = InfraPaths.s3proxyJar(runtime);
        List<AutoCloseable> parts = startBoth(
                () -> prepared(KafkaBroker.start(InfraPaths.kafkaDir(runtime), dataDir.resolve("kafka"),
                        options.kafkaPort(), classData), broker -> broker.createTopics(Topics.ALL, TOPIC_PARTITIONS)),
                () -> prepared(S3ProxyServer.start(s3proxyJar, dataDir.resolve("s3proxy"), options.s3Port(),
                        ACCESS_KEY, SECRET_KEY, classData), s3 -> ensureBucket(s3.endpoint(), options.bucket())));
        KafkaBroker broker = (KafkaBroker) parts.get(0);
        S3ProxyServer s3 = (S3ProxyServer) parts.get(1);
        LocalInfra infra = new LocalInfra(Mode.EMBEDDED, broker.bootstrapServers(), s3.endpoint(), options.bucket(),
                parts);
        int kafkaPort = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
        int s3Port = java.net.URI.create(s3.endpoint()).getPort();
        infra.kafkaAgain = () -> KafkaBroker.start(InfraPaths.kafkaDir(runtime), dataDir.resolve("kafka"), kafkaPort,
                classData);
        infra.storeAgain = () -> S3ProxyServer.start(s3proxyJar, dataDir.resolve("s3proxy"), s3Port, ACCESS_KEY,
                SECRET_KEY, classData);
        return infra;
    }

    private static LocalInfra startContainers(Options options) {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(TOPIC_PARTITIONS))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        MinIOContainer minio = new MinIOContainer(DockerImageName.parse(MINIO_IMAGE))
                .withUserName(ACCESS_KEY)
                .withPassword(SECRET_KEY);
        List<AutoCloseable> parts = startBoth(() -> {
            kafka.start();
            return prepared(kafka, started -> {
                try (Admin admin = Admin.create(KafkaBroker.adminConfig(started.getBootstrapServers()))) {
                    KafkaBroker.createTopics(admin, Topics.ALL, TOPIC_PARTITIONS);
                }
            });
        }, () -> {
            minio.start();
            return prepared(minio, started -> ensureBucket(started.getS3URL(), options.bucket()));
        });
        return new LocalInfra(Mode.CONTAINERS, kafka.getBootstrapServers(), minio.getS3URL(), options.bucket(), parts);
    }

    /** {@code part} once {@code preparation} has run on it; closed again when that fails. */
    private static <T extends AutoCloseable> T prepared(T part, Consumer<T> preparation) {
        try {
            preparation.accept(part);
            return part;
        } catch (RuntimeException e) {
            closeAll(List.of(part), e);
            throw e;
        }
    }

    private static void ensureBucket(String endpoint, String bucket) {
        try (ObjectStore store = new ObjectStore(settings(endpoint, bucket))) {
            store.ensureBucket();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new InfraException("cannot close the store client", e);
        }
    }

    private static StoreSettings settings(String endpoint, String bucket) {
        return new StoreSettings(endpoint, endpoint, ACCESS_KEY, SECRET_KEY, bucket, REGION);
    }

    /** Starts {@code first} here and {@code second} on another thread; when either fails, closes the other. */
    private static List<AutoCloseable> startBoth(Supplier<? extends AutoCloseable> first,
                                                 Supplier<? extends AutoCloseable> second) {
        CompletableFuture<AutoCloseable> other = CompletableFuture.supplyAsync(second::get, task -> {
            Thread thread = new Thread(task, "opentalks-infra-start");
            thread.setDaemon(true);
            thread.start();
        });
        AutoCloseable started;
        try {
            started = first.get();
        } catch (RuntimeException e) {
            try {
                closeAll(List.of(other.join()), e);
            } catch (CompletionException alsoFailed) {
                e.addSuppressed(alsoFailed.getCause());
            }
            throw e;
        }
        try {
            return new ArrayList<>(List.of(started, other.join()));
        } catch (CompletionException e) {
            RuntimeException failure = e.getCause() instanceof RuntimeException r ? r
                    : new InfraException(e.getCause().getMessage(), e.getCause());
            closeAll(List.of(started), failure);
            throw failure;
        }
    }

    /** Closes {@code parts} in reverse order, adding what goes wrong to {@code failure}. */
    private static void closeAll(List<AutoCloseable> parts, RuntimeException failure) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** EMBEDDED or CONTAINERS, as decided at start. */
    public Mode mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String s3Endpoint() {
        return s3Endpoint;
    }

    /** The bucket created at start. */
    public String bucket() {
        return bucket;
    }

    /** Settings for the object store, for {@code bucket}; presigned URLs use the same endpoint. */
    public StoreSettings storeSettings(String bucket) {
        return settings(s3Endpoint, bucket);
    }

    /** {@link #storeSettings(String)} for the bucket created at start. */
    public StoreSettings storeSettings() {
        return storeSettings(bucket);
    }

    /**
     * Stops the broker and starts it again on the same port and data, as a broker restart in production
     * would look to the clients (embedded mode only: the fault drills use it).
     */
    public synchronized void restartKafka() {
        requireEmbedded("restart the broker");
        closeQuietly(parts.get(0));
        parts.set(0, kafkaAgain.get());
    }

    /** Stops the object store until {@link #startStore()}: every request to it fails meanwhile (embedded mode only). */
    public synchronized void stopStore() {
        requireEmbedded("stop the store");
        closeQuietly(parts.get(1));
    }

    /** Starts the object store stopped by {@link #stopStore()} again, on its port and with its data. */
    public synchronized void startStore() {
        requireEmbedded("start the store");
        parts.set(1, storeAgain.get());
    }

    private void requireEmbedded(String what) {
        if (kafkaAgain == null) {
            throw new InfraException("only the embedded infrastructure can " + what + " (this is " + mode + ")", null);
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping {0} failed: {1}", part, e.getMessage());
        }
    }

    @Override
    public void close() {
        InfraException failure = new InfraException("stopping the local infrastructure failed");
        closeAll(parts, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }
}
