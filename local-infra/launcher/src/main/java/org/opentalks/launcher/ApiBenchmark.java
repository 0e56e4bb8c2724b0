package org.opentalks.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.infra.LocalInfra;
import org.opentalks.store.ObjectStore;

/**
 * {@code ./opentalks bench-api}: drives the gateway with wrk on loopback and prints requests/s and
 * p50/p99 latency for POST /talks and GET /talks/{id}, on the embedded broker and store; the
 * rendering services do not run. POST is measured twice: with the gateway alone (a talk is durable
 * in Kafka when answered; the notifier is started afterwards and stores the backlog of records), and
 * with the notifier storing records on the same two cores at the same time. Every accepted talk's
 * record must be in the store at the end.
 */
final class ApiBenchmark {
    private static final String OWNER = "bench";
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

    /** One wrk run's figures. */
    record Result(String name, double requestsPerSecond, long requests, long errors, String p50, String p99) {
        /** Requests answered 2xx. wrk may stop a few in flight: their talks were accepted but not counted. */
        long accepted() {
            return requests - errors;
        }
    }

    static void run(Path root, Duration duration, int connections) throws Exception {
        Path data = Files.createTempDirectory("opentalks-bench-api-");
        String key = OWNER + ":" + UUID.randomUUID();
        Launcher.say("starting Kafka, S3Proxy and the gateway (data in " + data + ")");
        try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(root, data, 0, key,
                LocalInfra.Mode.EMBEDDED, Map.of(), List.of(ServiceSpec.API_GATEWAY)))) {
            ApiClient api = new ApiClient(cluster.apiBaseUrl(), key);
            String source = api.uploadImage(root.resolve(".opentalks/samples/astronaut.png"), "image/png").text("url");
            String body = "{\"source_url\":\"" + source + "\",\"script\":{\"type\":\"text\",\"input\":\""
                    + Benchmark.TEN_SECONDS + "\"},\"config\":{\"stitch\":true}}";
            String talkId = api.post("/talks", body).text("id");
            Path post = script(data, "post.lua", "POST", key, body);
            Path get = script(data, "get.lua", "GET", key, null);
            String talks = cluster.apiBaseUrl() + "/talks";
            List<Result> results = new ArrayList<>();
            long accepted = 1;

            // 1. The gateway alone accepting talks: each is durable in Kafka when answered 201.
            Launcher.say("POST /talks: warming up, then measuring for " + duration.toSeconds() + " s");
            accepted += wrk("warm-up", post, talks, Duration.ofSeconds(3), connections).accepted();
            Result created = wrk("POST /talks", post, talks, duration, connections);
            accepted += created.accepted();
            results.add(created);

            // 2. The notifier turns the accepted talks into stored records (it lags under load).
            Launcher.say("starting the notifier; it stores the records of the " + accepted + " accepted talks");
            long catchUp = System.nanoTime();
            cluster.startService(ServiceSpec.WEBHOOK_NOTIFIER);
            long stored = awaitRecords(cluster, accepted, Duration.ofMinutes(5));
            double catchUpSeconds = (System.nanoTime() - catchUp) / 1e9;

            // 3. Reads, and then writes while the notifier stores records on the same cores.
            Launcher.say("GET /talks/{id}: warming up, then measuring");
            String one = talks + "/" + talkId;
            wrk("warm-up", get, one, Duration.ofSeconds(5), connections);
            results.add(wrk("GET /talks/{id}", get, one, duration, connections));
            Launcher.say("POST /talks again, with the notifier storing records at the same time");
            Result concurrent = wrk("POST (+ notifier)", post, talks, duration, connections);
            accepted += concurrent.accepted();
            results.add(concurrent);
            stored = awaitRecords(cluster, accepted, Duration.ofMinutes(5));

            print(results, connections, duration, accepted, stored, catchUpSeconds);
            if (stored < accepted || results.stream().anyMatch(r -> r.errors() > 0)) {
                throw new IllegalStateException("the benchmark saw errors or lost talks");
            }
        }
    }

    private static Path script(Path dir, String name, String method, String key, String body) throws IOException {
        StringBuilder lua = new StringBuilder()
                .append("wrk.method = \"").append(method).append("\"\n")
                .append("wrk.headers[\"Authorization\"] = \"Basic ").append(key).append("\"\n");
        if (body != null) {
            lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
                    .append("wrk.body = [[").append(body).append("]]\n");
        }
        return Files.writeString(dir.resolve(name), lua.toString(), StandardCharsets.UTF_8);
    }

    static Result wrk(String name, Path script, String url, Duration duration, int connections) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", "-s", script.toString(), url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        long requests = Long.parseLong(find(TOTAL, out, "0"));
        long errors = Long.parseLong(find(NON_2XX, out, "0"));
        String socketErrors = find(SOCKET_ERRORS, out, null);
        if (socketErrors != null) {
            Launcher.say(name + ": socket errors: " + socketErrors);
            errors += Pattern.compile("\\d+").matcher(socketErrors).results()
                    .mapToLong(m -> Long.parseLong(m.group())).sum();
        }
        Result result = new Result(name, Double.parseDouble(find(RATE, out, "0")), requests, errors,
                percentile(out, "50"), percentile(out, "99"));
        Launcher.say(String.format("%s: %.0f requests/s, %d requests, %d errors, p50 %s, p99 %s", name,
                result.requestsPerSecond(), requests, errors, result.p50(), result.p99()));
        return result;
    }

    private static String percentile(String out, String which) {
        Matcher m = Pattern.compile("\\s" + which + "%\\s+([0-9.]+[a-z]+)").matcher(out);
        return m.find() ? m.group(1) : "?";
    }

    private static String find(Pattern pattern, String text, String fallback) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : fallback;
    }

    /** Waits for the notifier to have stored a record for every accepted talk. */
    private static long awaitRecords(LocalCluster cluster, long accepted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ObjectStore store = new ObjectStore(cluster.storeSettings())) {
            long seen;
            while (true) {
                seen = store.list(ObjectKeys.recordPrefix(OWNER)).size();
                if (seen >= accepted || System.nanoTime() > deadline) {
                    return seen;
                }
                Launcher.say("records stored: " + seen + " of " + accepted);
                Thread.sleep(2000);
            }
        }
    }

    private static void print(List<Result> results, int connections, Duration duration, long accepted,
                              long stored, double catchUpSeconds) {
        System.out.println();
        System.out.printf("API benchmark: wrk, 2 threads, %d connections, %d s per endpoint, loopback%n",
                connections, duration.toSeconds());
        System.out.printf("%-18s %12s %10s %8s %10s %10s%n", "endpoint", "requests/s", "requests", "errors",
                "p50", "p99");
        for (Result r : results) {
            System.out.printf("%-18s %12.0f %10d %8d %10s %10s%n", r.name(), r.requestsPerSecond(), r.requests(),
                    r.errors(), r.p50(), r.p99());
        }
        System.out.printf("talks accepted: at least %d, records in the store: %d (the first %s stored in %.1f s"
                + " after the first run)%n", accepted, stored, "run's records", catchUpSeconds);
    }

    private ApiBenchmark() {
    }
}
