package org.opentalks.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opentalks.contract.Sha256;
import org.opentalks.infra.ChildProcess;
import org.opentalks.infra.InfraException;
import org.opentalks.infra.LocalInfra;
import org.opentalks.infra.Ports;
import org.opentalks.store.StoreSettings;

/**
 * The whole system on one machine: the broker and the store from {@link LocalInfra}, and the six
 * services as child JVMs running their packaged Quarkus applications. Used by {@code ./opentalks up},
 * the benchmark and the end-to-end tests.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    public static final String BUCKET = "opentalks";

    private final LocalInfra infra;
    private final Map<ServiceSpec, ChildProcess> services = new EnumMap<>(ServiceSpec.class);
    private final Map<ServiceSpec, Integer> ports = new EnumMap<>(ServiceSpec.class);
    /** The webhook-notifiers beyond the first, when {@link Options#notifierReplicas()} asks for more. */
    private final List<ChildProcess> moreNotifiers = new ArrayList<>();
    private final String apiKey;
    private Options options;

    /**
     * @param root        the repository root (services are run from {@code <module>/target/quarkus-app})
     * @param dataDir     where the broker and the store keep their data, and logs go
     * @param apiPort     the gateway's port; 0 picks free ports for every service
     * @param apiKey      the local API key, {@code owner:secret}
     * @param infraMode   embedded broker and S3Proxy, or containers where Docker exists (AUTO)
     * @param extraConfig more system properties for every service (e.g. a shorter talk timeout)
     * @param notifierReplicas how many webhook-notifiers to run (each owns some of the talks' partitions)
     */
    public record Options(Path root, Path dataDir, int apiPort, String apiKey, LocalInfra.Mode infraMode,
                          Map<String, String> extraConfig, List<ServiceSpec> services, int notifierReplicas) {
        public Options(Path root, Path dataDir, int apiPort, String apiKey, LocalInfra.Mode infraMode,
                       Map<String, String> extraConfig) {
            this(root, dataDir, apiPort, apiKey, infraMode, extraConfig, ServiceSpec.ALL, 1);
        }

        public Options(Path root, Path dataDir, int apiPort, String apiKey, LocalInfra.Mode infraMode,
                       Map<String, String> extraConfig, List<ServiceSpec> services) {
            this(root, dataDir, apiPort, apiKey, infraMode, extraConfig, services, 1);
        }

        public Options withNotifierReplicas(int replicas) {
            if (replicas < 1) {
                throw new IllegalArgumentException("at least one webhook-notifier, not " + replicas);
            }
            return new Options(root, dataDir, apiPort, apiKey, infraMode, extraConfig, services, replicas);
        }
    }

    /** Signs the media links every service hands out; fresh for each cluster. */
    private final String signingKey = UUID.randomUUID() + "-" + UUID.randomUUID();
    /** Seals clients' provider keys between the gateway and the tts-service; fresh for each cluster. */
    private final String clientKeySecret = UUID.randomUUID() + "-" + UUID.randomUUID();
    /** Signs webhooks (Standard Webhooks); kept in the data directory, so receivers keep verifying across runs. */
    private String webhookSecret;

    private LocalCluster(LocalInfra infra, String apiKey) {
        this.infra = infra;
        this.apiKey = apiKey;
    }

    public static LocalCluster start(Options options) {
        Path logs = options.dataDir().resolve("logs");
        LocalInfra infra = LocalInfra.start(LocalInfra.Options.of(options.dataDir())
                .withPorts(options.apiPort() == 0 ? 0 : 9092, options.apiPort() == 0 ? 0 : 9000)
                .withBucket(BUCKET)
                .withMode(options.infraMode()));
        LocalCluster cluster = new LocalCluster(infra, options.apiKey());
        cluster.options = options;
        cluster.webhookSecret = webhookSecret(options.dataDir());
        try {
            for (ServiceSpec spec : ServiceSpec.ALL) {
                int port = options.apiPort() == 0 ? Ports.free()
                        : spec == ServiceSpec.API_GATEWAY ? options.apiPort()
                        : spec.defaultPort() + (options.apiPort() - ServiceSpec.API_GATEWAY.defaultPort());
                cluster.ports.put(spec, port);
            }
            for (ServiceSpec spec : options.services()) {
                cluster.services.put(spec, cluster.launch(spec, cluster.ports.get(spec), options, logs, 1));
            }
            Map<ChildProcess, Integer> more = new LinkedHashMap<>();
            if (options.services().contains(ServiceSpec.WEBHOOK_NOTIFIER)) {
                for (int replica = 2; replica <= options.notifierReplicas(); replica++) {
                    int port = Ports.free();
                    ChildProcess child = cluster.launch(ServiceSpec.WEBHOOK_NOTIFIER, port, options, logs, replica);
                    cluster.moreNotifiers.add(child);
                    more.put(child, port);
                }
            }
            for (ServiceSpec spec : options.services()) {
                cluster.services.get(spec).awaitHttp(URI.create(cluster.baseUrl(spec) + "/q/health/ready"),
                        READY_TIMEOUT);
            }
            more.forEach((child, port) -> child.awaitHttp(URI.create("http://127.0.0.1:" + port + "/q/health/ready"),
                    READY_TIMEOUT));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Starts a service that was left out of {@link Options#services()} or stopped, and waits until it is
     * ready. A restarted service appends to its log.
     */
    public void startService(ServiceSpec spec) {
        if (services.containsKey(spec)) {
            return;
        }
        services.put(spec, launch(spec, ports.get(spec), options, options.dataDir().resolve("logs"), 1));
        services.get(spec).awaitHttp(URI.create(baseUrl(spec) + "/q/health/ready"), READY_TIMEOUT);
    }

    /** Stops a running service (SIGTERM, then SIGKILL after its grace period); {@link #startService} brings it back. */
    public void stopService(ServiceSpec spec) {
        ChildProcess child = services.remove(spec);
        if (child != null) {
            child.stop();
        }
    }

    /** Kills a running service with SIGKILL, mid-work, as a crash would; {@link #startService} brings it back. */
    public void killService(ServiceSpec spec) {
        ChildProcess child = services.remove(spec);
        if (child != null) {
            child.kill();
        }
    }

    /** @param replica which replica this is (1 for the first); names a notifier's writes and its log */
    private ChildProcess launch(ServiceSpec spec, int port, Options options, Path logs, int replica) {
        Path app = options.root().resolve(spec.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(app)) {
            throw new InfraException(app + " is missing: build first (mvn install -DskipTests)", null);
        }
        StoreSettings store = infra.storeSettings(BUCKET);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.http.port", Integer.toString(port));
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        config.put("opentalks.store.endpoint", store.endpoint());
        config.put("opentalks.store.access-key", store.accessKey());
        config.put("opentalks.store.secret-key", store.secretKey());
        config.put("opentalks.store.bucket", store.bucket());
        config.put("opentalks.store.region", store.region());
        String owner = apiKey.substring(0, apiKey.indexOf(':'));
        config.put("opentalks.api.owners." + owner + ".keys", "sha256:" + Sha256.hex(apiKey));
        config.put("opentalks.media.base-url", apiBaseUrl());
        config.put("opentalks.media.signing-key", signingKey);
        config.put("opentalks.client-keys.secret", clientKeySecret);
        config.put("opentalks.notifier.webhook-secret", webhookSecret);
        config.put("opentalks.tts.model-cache", options.root().resolve(".opentalks/models").toString());
        config.put("opentalks.models.blazeface-dir",
                options.root().resolve(".opentalks/models/blazeface").toString());
        config.put("org.bytedeco.javacpp.cachedir", options.root().resolve(".opentalks/javacpp").toString());
        if (spec == ServiceSpec.WEBHOOK_NOTIFIER) {
            config.put("opentalks.notifier.replica-id", spec.module() + "-" + replica);
        }
        config.putAll(options.extraConfig());

        // Small heaps and the serial collector: six JVMs share two cores out of the box.
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + spec.heap(), "-XX:+UseSerialGC"));
        config.forEach((k, v) -> jvm.add("-D" + k + "=" + v));
        String name = replica == 1 ? spec.module() : spec.module() + "-" + replica;
        return ChildProcess.builder(name)
                .java(jvm, List.of("-jar", app.toString()))
                .environment("XDG_CACHE_HOME", options.dataDir().resolve("cache").toString())
                .logFile(logs.resolve(name + ".log"))
                .start();
    }

    /**
     * A running service's peak resident memory (Linux {@code VmHWM}: heap, metaspace, code, native
     * buffers and mapped libraries together), in KiB; -1 where it cannot be read.
     */
    public long peakResidentKib(ServiceSpec spec) {
        ChildProcess child = services.get(spec);
        if (child == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(child.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public String baseUrl(ServiceSpec spec) {
        return "http://127.0.0.1:" + ports.get(spec);
    }

    public String apiBaseUrl() {
        return baseUrl(ServiceSpec.API_GATEWAY);
    }

    public String apiKey() {
        return apiKey;
    }

    public Options options() {
        return options;
    }

    /** The broker and the store, for the fault drills (restart the broker, stop the store). */
    public LocalInfra infra() {
        return infra;
    }

    /** The secret that signs this cluster's webhooks ({@code whsec_} and base64). */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** The data directory's webhook secret, made on first use: {@code whsec_} and 24 random bytes in base64. */
    private static String webhookSecret(Path dataDir) {
        Path file = dataDir.resolve("webhook-secret");
        try {
            if (!Files.isRegularFile(file)) {
                byte[] key = new byte[24];
                new java.security.SecureRandom().nextBytes(key);
                Files.createDirectories(dataDir);
                Files.writeString(file, "whsec_" + java.util.Base64.getEncoder().encodeToString(key));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new InfraException("cannot keep the webhook secret in " + file, e);
        }
    }

    public StoreSettings storeSettings() {
        return infra.storeSettings(BUCKET);
    }

    public String kafkaBootstrapServers() {
        return infra.kafkaBootstrapServers();
    }

    public Path logFile(ServiceSpec spec) {
        return services.get(spec).logFile();
    }

    /** Stops the services first, so none of them sees its broker or store vanish mid-talk. */
    @Override
    public void close() {
        moreNotifiers.forEach(ChildProcess::close);
        List<ServiceSpec> reverse = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(reverse);
        for (ServiceSpec spec : reverse) {
            services.get(spec).close();
        }
        infra.close();
    }
}
