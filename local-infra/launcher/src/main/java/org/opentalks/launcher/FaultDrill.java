package org.opentalks.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Talks through faults, as an operator's worst day would have them: while talks are in flight, each
 * stage and the notifier is killed with SIGKILL and started again, the broker is restarted, and the
 * store is unavailable for 30 s; every webhook receiver fails three times before answering 200.
 * Then every talk must end {@code done}, none lost (each created talk is listed and final), none
 * duplicated (the listing has no other), each with exactly one webhook taken and every signature
 * valid. The test tier runs it with one talk per fault, {@code ./opentalks bench-faults} with more.
 */
final class FaultDrill {
    /** Webhook answers refused before the receiver takes one. */
    static final int WEBHOOK_FAILURES = 3;
    static final Duration STORE_OUTAGE = Duration.ofSeconds(30);
    /** What the cluster must be started with: short webhook back-offs, so three refusals cost seconds. */
    static final Map<String, String> CONFIG = Map.of(
            "opentalks.notifier.webhook-initial-backoff", "200ms",
            "opentalks.notifier.webhook-max-backoff", "2s",
            "opentalks.fetch.allow-http-hosts", "127.0.0.1");
    private static final Duration FINISH = Duration.ofMinutes(6);
    private static final String SCRIPT = "Nothing is lost when a service falls over.";

    /** What the drill saw. */
    record Report(int talks, List<String> faults, int done, int lost, int duplicated, int notDone,
                  int webhooksTaken, int webhookAttempts, List<String> problems, Duration took) {
        String describe() {
            return String.format(Locale.ROOT, "%d talks through %d faults (%s) in %.0f s: %d done, %d lost, "
                            + "%d duplicated, %d not done; webhooks: %d taken, %d attempts in all%s", talks,
                    faults.size(), String.join(", ", faults), took.toMillis() / 1000.0, done, lost, duplicated,
                    notDone, webhooksTaken, webhookAttempts, problems.isEmpty() ? "" : "; problems: " + problems);
        }
    }

    private record Fault(String name, Runnable action) {
    }

    private FaultDrill() {
    }

    static Report run(Path root, LocalCluster cluster, WebhookSink sink, int talksPerFault, Consumer<String> say) {
        long began = System.nanoTime();
        ApiClient api = new ApiClient(cluster.apiBaseUrl(), cluster.apiKey());
        ApiClient.Reply image = api.uploadImage(root.resolve(".opentalks/samples/astronaut.png"), "image/png");
        if (image.status() != 201) {
            throw new IllegalStateException("uploading the photo answered " + image.status() + ": " + image.body());
        }
        String body = "{\"source_url\":\"" + image.text("url") + "\",\"script\":{\"type\":\"text\",\"input\":\""
                + SCRIPT + "\"},\"webhook\":\"" + sink.url() + "\"}";
        List<Fault> faults = new ArrayList<>();
        for (ServiceSpec stage : List.of(ServiceSpec.TTS_SERVICE, ServiceSpec.DRIVER_MATCHER, ServiceSpec.RENDER_WORKER,
                ServiceSpec.MUXER, ServiceSpec.WEBHOOK_NOTIFIER)) {
            faults.add(new Fault("kill -9 " + stage.module(), () -> {
                cluster.killService(stage);
                cluster.startService(stage);
            }));
        }
        faults.add(new Fault("broker restart", () -> cluster.infra().restartKafka()));
        faults.add(new Fault("store down " + STORE_OUTAGE.toSeconds() + " s", () -> {
            cluster.infra().stopStore();
            pause(STORE_OUTAGE);
            cluster.infra().startStore();
        }));
        List<String> created = new ArrayList<>();
        for (Fault fault : faults) {
            for (int i = 0; i < talksPerFault; i++) {
                ApiClient.Reply reply = api.post("/talks", body);
                if (reply.status() != 201) {
                    throw new IllegalStateException("POST /talks answered " + reply.status() + ": " + reply.body());
                }
                created.add(reply.text("id"));
            }
            // In flight: the first of them has reached a stage.
            awaitStarted(api, created.get(created.size() - talksPerFault));
            say.accept("fault: " + fault.name() + " (" + created.size() + " talks so far)");
            fault.action().run();
        }
        say.accept("waiting for every talk and its webhook");
        Map<String, String> status = new LinkedHashMap<>();
        for (String id : created) {
            status.put(id, finalStatus(api, id));
        }
        List<String> problems = new ArrayList<>();
        int taken = 0;
        int attempts = 0;
        for (String id : created) {
            String webhookId = "msg_" + id;
            awaitTaken(sink, webhookId);
            taken += sink.taken(webhookId);
            attempts += sink.attempts(webhookId);
            if (sink.taken(webhookId) != 1) {
                problems.add(id + ": " + sink.taken(webhookId) + " webhooks taken");
            }
        }
        if (!sink.badSignatures().isEmpty()) {
            problems.add("signatures that do not verify: " + sink.badSignatures());
        }
        Set<String> listed = listed(api);
        int lost = (int) created.stream().filter(id -> !listed.contains(id) || status.get(id) == null).count();
        Set<String> extra = new LinkedHashSet<>(listed);
        created.forEach(extra::remove);
        int done = (int) status.values().stream().filter("done"::equals).count();
        int notDone = (int) status.values().stream().filter(s -> s != null && !"done".equals(s)).count();
        status.forEach((id, s) -> {
            if (!"done".equals(s)) {
                problems.add(id + " ended " + s);
            }
        });
        return new Report(created.size(), faults.stream().map(Fault::name).toList(), done, lost, extra.size(), notDone,
                taken, attempts, problems, Duration.ofNanos(System.nanoTime() - began));
    }

    /** The talk's final status, read through the API; null when it is not final in time. */
    private static String finalStatus(ApiClient api, String id) {
        long deadline = System.nanoTime() + FINISH.toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Reply reply = tolerant(() -> api.get("/talks/" + id));
            if (reply != null && reply.status() == 200 && Set.of("done", "error", "rejected").contains(reply.text("status"))) {
                return reply.text("status");
            }
            pause(Duration.ofMillis(200));
        }
        return null;
    }

    private static void awaitStarted(ApiClient api, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ApiClient.Reply reply = tolerant(() -> api.get("/talks/" + id));
            if (reply != null && reply.status() == 200 && !"created".equals(reply.text("status"))) {
                return;
            }
            pause(Duration.ofMillis(50));
        }
    }

    private static void awaitTaken(WebhookSink sink, String webhookId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (sink.taken(webhookId) == 0 && System.nanoTime() < deadline) {
            pause(Duration.ofMillis(50));
        }
    }

    /** Every talk the owner has, through GET /talks and its pages. */
    private static Set<String> listed(ApiClient api) {
        Set<String> ids = new LinkedHashSet<>();
        String token = null;
        do {
            ApiClient.Reply page = api.get("/talks?limit=100" + (token == null ? "" : "&token=" + token));
            if (page.status() != 200) {
                throw new IllegalStateException("GET /talks answered " + page.status() + ": " + page.body());
            }
            page.body().path("talks").forEach(t -> ids.add(t.path("id").asText()));
            token = page.body().hasNonNull("token") ? page.body().path("token").asText() : null;
        } while (token != null);
        return ids;
    }

    /** A reply, or null while the gateway cannot answer (a store or broker outage). */
    private static ApiClient.Reply tolerant(java.util.function.Supplier<ApiClient.Reply> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
