package org.opentalks.launcher.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.Sha256;
import org.opentalks.infra.ChildProcess;
import org.opentalks.infra.LocalInfra;
import org.opentalks.infra.Ports;
import org.opentalks.launcher.ApiClient;
import org.opentalks.launcher.LocalCluster;
import org.opentalks.store.StoreSettings;

/**
 * The packaged services in their production profile (the default of {@code quarkus-run.jar}),
 * configured the way the Kubernetes manifests configure them: through environment variables only.
 * With a development secret they must exit at once, naming the variable to set; with real ones,
 * an account given as {@code OPENTALKS_API_OWNERS_<OWNER>_KEYS} must work.
 */
@Tag("e2e")
class ProductionStartTest {
    private static final String DEV_OWNER_HASH = "sha256:" + Sha256.hex("local:change-me");
    private static final String DEV_SIGNING_KEY = "opentalks-development-signing-key";
    private static final String SIGNING_KEY = Sha256.hex("production-start-test");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theGatewayRefusesTheDevelopmentAccount() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENTALKS_API_OWNERS_LOCAL_KEYS", DEV_OWNER_HASH);
        env.put("OPENTALKS_MEDIA_SIGNING_KEY", SIGNING_KEY);

        String log = refused("api-gateway", env);

        assertTrue(log.contains("api-gateway refuses to start"), log);
        assertTrue(log.contains("opentalks.api.owners.local.keys holds the development key local:change-me: set"
                + " OPENTALKS_API_OWNERS_LOCAL_KEYS"), log);
        assertFalse(log.contains("OPENTALKS_MEDIA_SIGNING_KEY"), "the signing key was fine: " + log);
    }

    @Test
    void theGatewayRefusesTheDevelopmentSigningKey() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENTALKS_API_OWNERS_ACME_KEYS", "sha256:" + Sha256.hex("acme:a-real-secret"));
        env.put("OPENTALKS_MEDIA_SIGNING_KEY", DEV_SIGNING_KEY);

        String log = refused("api-gateway", env);

        assertTrue(log.contains("opentalks.media.signing-key is the public development key: set"
                + " OPENTALKS_MEDIA_SIGNING_KEY"), log);
        assertFalse(log.contains("OPENTALKS_API_OWNERS"), "the account was fine: " + log);
    }

    @Test
    void theGatewayRefusesToStartWithoutAnyAccount() {
        String log = refused("api-gateway", Map.of("OPENTALKS_MEDIA_SIGNING_KEY", SIGNING_KEY));

        assertTrue(log.contains("no account is configured"), log);
        assertTrue(log.contains("set OPENTALKS_API_OWNERS_<OWNER>_KEYS"), log);
    }

    @Test
    void theNotifierRefusesTheDevelopmentSigningKeyAndUnsignedWebhooksByDefault() {
        String log = refused("webhook-notifier", Map.of());

        assertTrue(log.contains("webhook-notifier refuses to start"), log);
        assertTrue(log.contains("set OPENTALKS_MEDIA_SIGNING_KEY"), log);
        assertTrue(log.contains("OPENTALKS_NOTIFIER_WEBHOOK_SECRET is not set"), log);
    }

    @Test
    void theNotifierRefusesTheManifestsPlaceholderWebhookSecret() {
        String log = refused("webhook-notifier", Map.of("OPENTALKS_MEDIA_SIGNING_KEY", SIGNING_KEY,
                "OPENTALKS_NOTIFIER_WEBHOOK_SECRET", "CHANGE-ME"));

        assertTrue(log.contains("OPENTALKS_NOTIFIER_WEBHOOK_SECRET is still CHANGE-ME"), log);
        assertFalse(log.contains("OPENTALKS_MEDIA_SIGNING_KEY"), "the signing key was fine: " + log);
    }

    @Test
    void theGatewayAndTheTtsServiceRefuseTheDevelopmentClientKeySecret() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENTALKS_API_OWNERS_ACME_KEYS", "sha256:" + Sha256.hex("acme:a-real-secret"));
        env.put("OPENTALKS_MEDIA_SIGNING_KEY", SIGNING_KEY);

        for (String module : new String[] {"api-gateway", "tts-service"}) {
            String log = refused(module, env);
            assertTrue(log.contains(module + " refuses to start"), log);
            assertTrue(log.contains("opentalks.client-keys.secret is the public development secret: set"
                    + " OPENTALKS_CLIENT_KEYS_SECRET"), log);
        }
    }

    /**
     * The form the manifests use, end to end: accounts from environment variables reach the
     * gateway's {@code Map<String, Owner>} (key, credits), and the development key is gone.
     */
    @Test
    void accountsFromEnvironmentVariablesWorkInProduction() throws Exception {
        String key = "acme:" + Sha256.hex("acme-secret");
        try (LocalInfra infra = LocalInfra.start(LocalInfra.Options.of(Files.createDirectories(dir.resolve("infra")))
                .withBucket(LocalCluster.BUCKET).withMode(LocalInfra.Mode.AUTO))) {
            StoreSettings store = infra.storeSettings(LocalCluster.BUCKET);
            int port = Ports.free();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
            env.put("OPENTALKS_STORE_ENDPOINT", store.endpoint());
            env.put("OPENTALKS_STORE_ACCESS_KEY", store.accessKey());
            env.put("OPENTALKS_STORE_SECRET_KEY", store.secretKey());
            env.put("OPENTALKS_STORE_BUCKET", store.bucket());
            env.put("OPENTALKS_STORE_REGION", store.region());
            env.put("OPENTALKS_MEDIA_SIGNING_KEY", SIGNING_KEY);
            env.put("OPENTALKS_CLIENT_KEYS_SECRET", SIGNING_KEY.replace('a', 'b'));
            env.put("OPENTALKS_MEDIA_BASE_URL", "http://127.0.0.1:" + port);
            env.put("OPENTALKS_API_OWNERS_ACME_KEYS", "sha256:" + Sha256.hex(key));
            env.put("OPENTALKS_API_OWNERS_ACME_CREDITS", "3");
            try (ChildProcess gateway = start("api-gateway", env)) {
                gateway.awaitHttp(URI.create("http://127.0.0.1:" + port + "/q/health/ready"), EXIT_TIMEOUT);

                ApiClient.Reply credits = new ApiClient("http://127.0.0.1:" + port, key).get("/credits");
                assertEquals(200, credits.status(), () -> "GET /credits as acme: " + credits.body());
                assertEquals(3, credits.body().get("remaining").asInt(), credits.body().toString());
                assertEquals("acme", credits.body().get("credits").get(0).get("owner_id").asText());
                assertEquals(401, new ApiClient("http://127.0.0.1:" + port, "local:change-me").get("/credits").status(),
                        "the development account exists only in the dev and test profiles");
            }
        }
    }

    /** Runs a service until it exits by itself; returns its log after checking that it failed. */
    private String refused(String module, Map<String, String> env) {
        Map<String, String> withPort = new LinkedHashMap<>(env);
        withPort.put("QUARKUS_HTTP_PORT", Integer.toString(Ports.free()));
        withPort.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        try (ChildProcess child = start(module, withPort)) {
            int code = child.awaitExit(EXIT_TIMEOUT);
            String log = child.logTail(60);
            assertNotEquals(0, code, () -> module + " exited 0:\n" + log);
            return log;
        }
    }

    private ChildProcess start(String module, Map<String, String> env) {
        Path root = Path.of(System.getProperty("opentalks.root"));
        Path app = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(app), app + " is missing: build first (mvn install -DskipTests)");
        ChildProcess.Builder builder = ChildProcess.builder(module)
                .java(List.of("-Xmx256m", "-XX:+UseSerialGC"), List.of("-jar", app.toString()))
                .environment("XDG_CACHE_HOME", dir.resolve("cache").toString())
                .logFile(dir.resolve(module + ".log"));
        env.forEach(builder::environment);
        return builder.start();
    }
}
