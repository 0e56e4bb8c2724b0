package org.opentalks.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka broker in KRaft combined mode (one JVM is both broker and controller), run from
 * the jars that {@code local-infra/runtime} copies. The storage is formatted once, so topics, records
 * and committed offsets survive a restart on the same data directory.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KafkaBroker.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String HOST = "127.0.0.1";
    private static final String BUILD_FIRST = "build first: mvn install -DskipTests";
    private static final List<String> JVM_OPTIONS = List.of(
            // A small heap that starts small: the JVM's default initial heap (1/64 of RAM) is most of
            // an idle broker's footprint otherwise.
            "-Xms16m", "-Xmx512m", "-XX:+UseSerialGC",
            // C1 only: a local broker is idle most of the time, and C2 costs seconds of CPU at start.
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");

    private final ChildProcess process;
    private final Admin admin;
    private final String bootstrapServers;

    private KafkaBroker(ChildProcess process, Admin admin, String bootstrapServers) {
        this.process = process;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker without a class data archive; see {@link #start(Path, Path, int, Path)}. */
    public static KafkaBroker start(Path runtimeKafkaDir, Path dataDir, int port) {
        return start(runtimeKafkaDir, dataDir, port, null);
    }

    /**
     * Formats {@code dataDir} if it is new, starts the broker and waits until it serves metadata.
     *
     * @param runtimeKafkaDir the broker's jars ({@code kafka_2.13}, {@code kafka-clients} of its own
     *                        release, slf4j)
     * @param port            the client (PLAINTEXT) port on 127.0.0.1; 0 picks a free one
     * @param classDataDir    where to keep the broker's class data archive (shareable between data
     *                        directories); null runs without one
     */
    public static KafkaBroker start(Path runtimeKafkaDir, Path dataDir, int port, Path classDataDir) {
        long started = System.nanoTime();
        // Absolute, because the broker runs in dataDir and reads these paths from there.
        runtimeKafkaDir = runtimeKafkaDir.toAbsolutePath();
        dataDir = dataDir.toAbsolutePath();
        List<Path> classpath = jars(runtimeKafkaDir);
        int clientPort = Ports.orFree(port, "the Kafka broker");
        String bootstrapServers = HOST + ":" + clientPort;
        Path config = dataDir.resolve("server.properties");
        Path logDirs = dataDir.resolve("logs");
        Path log = dataDir.resolve("kafka.log");
        // The controller port may change between runs: static voters take it from the configuration,
        // whereas a dynamic quorum (--standalone) would keep the first run's endpoint in its log.
        writeConfig(config, clientPort, Ports.free(), logDirs);
        String cp = classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

        ClassDataArchive archive = classDataDir == null ? null : ClassDataArchive.of(classDataDir, "kafka", classpath);
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            format(cp, archive == null ? List.of() : archive.mapOnlyOptions(), config, log);
        }

        List<String> jvm = new ArrayList<>(JVM_OPTIONS);
        if (archive != null) {
            jvm.addAll(archive.jvmOptions());
        }
        jvm.addAll(List.of("-cp", cp));
        ChildProcess process = ChildProcess.builder("Kafka broker")
                .java(jvm, List.of("kafka.Kafka", config.toString()))
                .directory(dataDir)
                .logFile(log)
                // A controlled shutdown takes under a second, but the first run also writes the class data
                // archive at exit, which takes seconds on a busy machine; killing it would waste both.
                .stopGrace(Duration.ofSeconds(30))
                .afterExit(clean -> {
                    if (archive != null) {
                        archive.publish(clean);
                    }
                })
                .start();
        Admin admin = null;
        try {
            process.awaitPort(HOST, clientPort, START_TIMEOUT);
            admin = Admin.create(adminConfig(bootstrapServers));
            Admin probe = admin;
            process.await("serving cluster metadata on " + bootstrapServers,
                    () -> !probe.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty(), START_TIMEOUT);
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            process.stop();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "Kafka broker ready on {0} in {1} ms (pid {2}, data {3})",
                bootstrapServers, (System.nanoTime() - started) / 1_000_000, Long.toString(process.pid()), dataDir);
        return new KafkaBroker(process, admin, bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions and one replica. */
    public void createTopics(Collection<String> names, int partitions) {
        createTopics(admin, names, partitions);
    }

    static void createTopics(Admin admin, Collection<String> names, int partitions) {
        List<NewTopic> topics = names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new InfraException("cannot create topic " + result.getKey() + ": " + e.getCause(),
                            e.getCause());
                }
            } catch (TimeoutException e) {
                throw new InfraException("creating topic " + result.getKey() + " took over 30 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfraException("interrupted while creating topic " + result.getKey(), e);
            }
        }
    }

    static Properties adminConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "opentalks-local-infra");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "250");
        return config;
    }

    /** Stops the broker with a controlled shutdown, so the next start needs no log recovery. */
    @Override
    public void close() {
        long started = System.nanoTime();
        admin.close(Duration.ofSeconds(2));
        boolean clean = process.stop();
        LOG.log(System.Logger.Level.INFO, "Kafka broker on {0} stopped{1} in {2} ms", bootstrapServers,
                clean ? "" : " (killed)", (System.nanoTime() - started) / 1_000_000);
    }

    private static List<Path> jars(Path runtimeKafkaDir) {
        List<Path> jars;
        try (Stream<Path> files = Files.list(runtimeKafkaDir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new InfraException("no Kafka runtime at " + runtimeKafkaDir + ": " + BUILD_FIRST, e);
        }
        if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("kafka_"))) {
            throw new InfraException("no Kafka broker jar in " + runtimeKafkaDir + ": " + BUILD_FIRST);
        }
        return jars;
    }

    private static void format(String classpath, List<String> classDataOptions, Path config, Path log) {
        long started = System.nanoTime();
        List<String> jvm = new ArrayList<>(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        jvm.addAll(classDataOptions);
        jvm.addAll(List.of("-cp", classpath));
        ChildProcess format = ChildProcess.builder("Kafka storage format")
                .java(jvm, List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                                "-t", Uuid.randomUuid().toString(), "-c", config.toString()))
                .logFile(log)
                .start();
        int exit = format.awaitExit(START_TIMEOUT);
        if (exit != 0) {
            throw new InfraException("formatting Kafka storage failed with exit code " + exit
                    + "\nlast lines of " + log + ":\n" + format.logTail(30));
        }
        LOG.log(System.Logger.Level.INFO, "Kafka storage formatted in {0} ms",
                (System.nanoTime() - started) / 1_000_000);
    }

    private static void writeConfig(Path config, int clientPort, int controllerPort, Path logDirs) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("node.id", "1");
        settings.put("process.roles", "broker,controller");
        settings.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":"
                + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        settings.put("log.dirs", logDirs.toAbsolutePath().toString());
        settings.put("num.partitions", "3");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("auto.create.topics.enable", "false");
        settings.put("group.initial.rebalance.delay.ms", "0");
        // Internal topics: one replica, and few partitions so the first consumer group starts fast.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "3");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "3");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("share.coordinator.state.topic.num.partitions", "3");
        // The log cleaner's dedupe buffer is 128 MiB of heap by default, more than the broker needs for
        // everything else; compacting the few local offsets fits in 8 MiB.
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        StringBuilder text = new StringBuilder("# Written by OpenTalks local-infra at every start.\n");
        settings.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        try {
            Files.createDirectories(config.getParent());
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }
}
