package org.opentalks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.opentalks.infra.LocalInfra;
import java.util.concurrent.CountDownLatch;
import org.opentalks.infra.ChildProcess;

/**
 * {@code ./opentalks up} and the benchmarks ({@code bench}, {@code bench-api}, {@code bench-voices}): the Java side of the launcher script, which
 * installs packages and models and builds before calling this.
 */
public final class Launcher {
    static final String SAMPLE_TEXT = "Hello! I am OpenTalks. I turn a photo and a script into a talking video,"
            + " right here on your own machine.";

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("opentalks.root", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "up" : args[0];
        switch (command) {
            case "up" -> up(root);
            case "bench" -> Benchmark.run(root, args.length > 1 ? Integer.parseInt(args[1]) : 3);
            case "bench-api" -> ApiBenchmark.run(root,
                    Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 15),
                    args.length > 2 ? Integer.parseInt(args[2]) : 32);
            case "bench-voices" -> VoiceBenchmark.run(root, args.length > 1 ? Path.of(args[1]) : null);
            case "bench-engine" -> RenderBenchmark.speedOnly(root);
            case "bench-faults" -> FaultBenchmark.run(root, args.length > 1 ? Integer.parseInt(args[1]) : 4);
            case "bench-notifier" -> NotifierStartupBenchmark.run(root, args.length > 1 ? Integer.parseInt(args[1]) : 10_000);
            default -> {
                System.err.println("unknown command " + command + " (up, bench, bench-engine, bench-api, bench-voices, bench-notifier, bench-faults)");
                System.exit(2);
            }
        }
    }

    private static void up(Path root) throws Exception {
        Path home = root.resolve(".opentalks");
        Path run = home.resolve("run");
        Files.createDirectories(run);
        String apiKey = requiredEnv("OPENTALKS_API_KEY");
        int port = Integer.parseInt(System.getenv().getOrDefault("OPENTALKS_PORT", "8080"));

        say("starting Kafka, S3Proxy and the six services (logs in " + home.resolve("data/logs") + ")");
        int notifiers = Integer.parseInt(System.getenv().getOrDefault("OPENTALKS_NOTIFIER_REPLICAS", "1"));
        LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(root, home.resolve("data"), port, apiKey,
                LocalInfra.Mode.EMBEDDED, Map.of()).withNotifierReplicas(notifiers));
        CountDownLatch stopped = new CountDownLatch(1);
        ChildProcess.beforeReaping(() -> {
            say("stopping");
            cluster.close();
            deleteQuietly(run.resolve("ready"));
            stopped.countDown();
        });

        say("API: " + cluster.apiBaseUrl() + "   key: " + apiKey);
        say("     (Authorization: Basic " + apiKey + ")   docs: " + cluster.apiBaseUrl() + "/q/swagger-ui");
        say("webhooks are signed with " + cluster.webhookSecret() + " (Standard Webhooks; see the README)");
        Path video = renderSample(root, cluster);
        String summary = "API base URL: " + cluster.apiBaseUrl() + "\nAPI key: " + apiKey
                + "\nwebhook secret: " + cluster.webhookSecret()
                + "\nsample video: " + video + "\n";
        Files.writeString(run.resolve("ready"), summary);
        say("sample talk rendered: " + video);
        say("serving; Ctrl-C (or ./opentalks down) stops everything");
        stopped.await();
    }

    /** Renders the sample talk through the public API, exactly as a client would. */
    static Path renderSample(Path root, LocalCluster cluster) {
        ApiClient api = new ApiClient(cluster.apiBaseUrl(), cluster.apiKey());
        Path photo = root.resolve(".opentalks/samples/astronaut.png");
        ApiClient.Reply image = api.uploadImage(photo, "image/png");
        if (image.status() != 201) {
            throw new IllegalStateException("uploading the sample photo answered " + image.status() + ": "
                    + image.body());
        }
        ApiClient.Reply created = api.post("/talks", "{\"source_url\":\"" + image.text("url") + "\","
                + "\"script\":{\"type\":\"text\",\"input\":\"" + SAMPLE_TEXT + "\"}}");
        if (created.status() != 201) {
            throw new IllegalStateException("creating the sample talk answered " + created.status() + ": "
                    + created.body());
        }
        JsonNode talk = api.awaitFinal(created.text("id"), Duration.ofMinutes(3));
        if (!"done".equals(talk.path("status").asText())) {
            throw new IllegalStateException("the sample talk ended " + talk);
        }
        Path out = root.resolve(".opentalks/samples/out/sample-talk.mp4");
        try {
            Files.createDirectories(out.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        api.download(talk.path("result_url").asText(), out);
        return out;
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; run through ./opentalks");
        }
        return value;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("could not delete " + file + ": " + e.getMessage());
        }
    }

    static void say(String line) {
        System.out.println("[opentalks] " + line);
        System.out.flush();
    }

    private Launcher() {
    }
}
