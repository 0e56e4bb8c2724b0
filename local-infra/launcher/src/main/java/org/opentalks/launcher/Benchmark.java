package org.opentalks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opentalks.infra.LocalInfra;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opentalks.contract.Topics;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.json.Json;

/**
 * {@code ./opentalks bench}: first the animation engine alone ({@link RenderBenchmark}: frames/s and
 * the contact sheet), then renders talks of about ten seconds of speech, one after another,
 * through the HTTP API of a fresh local cluster, and prints per-stage times (from
 * {@code talks.progress}), POST-to-done latency and processing fps.
 */
final class Benchmark {
    /** About ten seconds of speech with espeak-ng's default English voice. */
    static final String TEN_SECONDS = "Good morning, and welcome to the quarterly update. Our team shipped"
            + " three new features this month, and customers have noticed. Thank you all for the hard work,"
            + " and let us keep going.";
    private static final List<String> STAGES =
            List.of("tts-service", "driver-matcher", "render-worker", "muxer");

    static void run(Path root, int talks) throws Exception {
        RenderBenchmark.run(root);
        Path data = Files.createTempDirectory("opentalks-bench-");
        String key = "bench:" + UUID.randomUUID();
        Launcher.say("starting a local cluster for the benchmark (data in " + data + ")");
        try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(root, data, 0, key,
                LocalInfra.Mode.EMBEDDED, Map.of()))) {
            ApiClient api = new ApiClient(cluster.apiBaseUrl(), key);
            ApiClient.Reply image = api.uploadImage(root.resolve(".opentalks/samples/astronaut.png"), "image/png");
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < talks; i++) {
                long start = System.nanoTime();
                ApiClient.Reply created = api.post("/talks", "{\"source_url\":\"" + image.text("url")
                        + "\",\"script\":{\"type\":\"text\",\"input\":\"" + TEN_SECONDS + "\"}}");
                JsonNode talk = api.awaitFinal(created.text("id"), Duration.ofMinutes(3));
                double latency = (System.nanoTime() - start) / 1e9;
                if (!"done".equals(talk.path("status").asText())) {
                    throw new IllegalStateException("benchmark talk ended " + talk);
                }
                rows.add(new Row(created.text("id"), talk.path("duration").asDouble(),
                        talk.path("metadata").path("num_frames").asInt(), latency,
                        talk.path("metadata").path("processing_fps").asDouble()));
            }
            Map<String, Map<String, Long>> stageMillis = stageMillis(cluster.kafkaBootstrapServers(), rows);
            print(rows, stageMillis);
            long rss = cluster.peakResidentKib(ServiceSpec.RENDER_WORKER);
            System.out.printf("render-worker peak resident memory (VmHWM): %s%n",
                    rss < 0 ? "unknown" : String.format("%.0f MiB", rss / 1024.0));
        }
    }

    private record Row(String talkId, double speechSeconds, int frames, double latencySeconds, double processingFps) {
    }

    /** talk id → stage → milliseconds, as the stages reported them on talks.progress. */
    private static Map<String, Map<String, Long>> stageMillis(String bootstrap, List<Row> rows) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, Map<String, Long>> result = new HashMap<>();
        int expected = rows.size() * STAGES.size();
        int found = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.PROGRESS));
            while (found < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    StageProgress p = Json.read(record.value().getBytes(), StageProgress.class);
                    if (p.phase() == StageProgress.Phase.FINISHED) {
                        result.computeIfAbsent(p.talkId(), k -> new HashMap<>()).put(p.stage(), p.millis());
                        found++;
                    }
                }
            }
        }
        return result;
    }

    private static void print(List<Row> rows, Map<String, Map<String, Long>> stages) {
        StringBuilder out = new StringBuilder("\n");
        out.append(String.format("%-27s %8s %7s %8s %8s %8s %8s %10s %8s%n", "talk", "speech_s", "frames",
                "tts_ms", "match_ms", "render_ms", "mux_ms", "post→done", "proc_fps"));
        for (Row r : rows) {
            Map<String, Long> s = stages.getOrDefault(r.talkId(), Map.of());
            out.append(String.format("%-27s %8.2f %7d %8s %8s %8s %8s %9.2fs %8.1f%n", r.talkId(), r.speechSeconds(),
                    r.frames(), ms(s, "tts-service"), ms(s, "driver-matcher"), ms(s, "render-worker"),
                    ms(s, "muxer"), r.latencySeconds(), r.processingFps()));
        }
        List<Row> warm = rows.size() > 1 ? rows.subList(1, rows.size()) : rows;
        double meanLatency = warm.stream().mapToDouble(Row::latencySeconds).average().orElse(0);
        double meanFrames = warm.stream().mapToInt(Row::frames).average().orElse(0);
        out.append(String.format("%nwarm talks (after the first): mean POST→done %.2f s for %.1f s of speech;"
                        + " end-to-end %.1f frames/s%n", meanLatency,
                warm.stream().mapToDouble(Row::speechSeconds).average().orElse(0), meanFrames / meanLatency));
        System.out.print(out);
    }

    private static String ms(Map<String, Long> stages, String stage) {
        Long v = stages.get(stage);
        return v == null ? "-" : Long.toString(v);
    }

    private Benchmark() {
    }
}
