package org.opentalks.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.infra.LocalInfra;
import org.opentalks.store.ObjectStore;

/**
 * {@code ./opentalks bench-notifier [N]}: how long a webhook-notifier takes to start, and to take its
 * partitions over, on an empty store and on one holding N (default 10,000) finished talks and 20
 * unfinished ones. Taking over reads the partitions' in-flight markers, not every record, so the
 * second start should take no longer than the first; the unfinished talks must be found again.
 */
final class NotifierStartupBenchmark {
    private static final Pattern ADOPTED = Pattern.compile("partitions \\[[^]]*] adopted: (\\d+) unfinished talks");
    private static final int UNFINISHED = 20;
    private static final Duration WAIT = Duration.ofMinutes(2);

    private NotifierStartupBenchmark() {
    }

    static void run(Path root, int finished) throws Exception {
        Path data = Files.createTempDirectory("opentalks-bench-notifier-");
        String key = "bench:" + Long.toHexString(System.nanoTime());
        Launcher.say("starting Kafka and S3Proxy (data in " + data + ")");
        try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(root, data, 0, key,
                LocalInfra.Mode.EMBEDDED, Map.of(), List.of()));
             ObjectStore store = new ObjectStore(cluster.storeSettings())) {
            Start empty = start(cluster, 0);
            Launcher.say(empty.describe("empty store"));
            cluster.stopService(ServiceSpec.WEBHOOK_NOTIFIER);

            Launcher.say("storing " + finished + " finished talks and " + UNFINISHED + " unfinished ones");
            long stored = System.nanoTime();
            store(store, "bench", finished, UNFINISHED);
            Launcher.say(String.format(Locale.ROOT, "stored in %.1f s",
                    (System.nanoTime() - stored) / 1e9));
            Start full = start(cluster, UNFINISHED);
            Launcher.say(full.describe(finished + " finished talks"));
            Launcher.say(String.format(Locale.ROOT, "start-up with %d finished talks / empty store: ready %.2f×, "
                    + "partitions taken over %.2f×", finished, full.ready() / empty.ready(),
                    full.adopted() / empty.adopted()));
        }
    }

    /** One start: seconds to ready and to the partitions taken over, and the unfinished talks it found. */
    private record Start(double ready, double adopted, int watched) {
        String describe(String store) {
            return String.format(Locale.ROOT, "notifier on %s: ready in %.2f s, partitions taken over in %.2f s, "
                    + "%d unfinished talks under watch", store, ready, adopted, watched);
        }
    }

    private static Start start(LocalCluster cluster, int expectUnfinished) throws Exception {
        Path log = cluster.options().dataDir().resolve("logs/webhook-notifier.log");
        long skip = Files.exists(log) ? Files.size(log) : 0;
        long began = System.nanoTime();
        cluster.startService(ServiceSpec.WEBHOOK_NOTIFIER);
        double ready = (System.nanoTime() - began) / 1e9;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            Matcher adopted = ADOPTED.matcher(text.substring((int) Math.min(skip, text.length())));
            if (adopted.find()) {
                double at = (System.nanoTime() - began) / 1e9;
                int watched = Integer.parseInt(adopted.group(1));
                if (watched != expectUnfinished) {
                    throw new IllegalStateException("the notifier watches " + watched + " unfinished talks, not "
                            + expectUnfinished);
                }
                return new Start(ready, at, watched);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the notifier did not take its partitions over within " + WAIT);
    }

    /** Finished records (as the notifier leaves them) and unfinished ones with their in-flight markers. */
    private static void store(ObjectStore store, String owner, int finished, int unfinished) throws Exception {
        ResultMetadata metadata = new ResultMetadata("bank://lively/", false, 1, 250, 60.0, List.of(512, 512), 400.0,
                "espeak-ng:en-us");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < finished + unfinished; i++) {
                boolean done = i < finished;
                writes.add(pool.submit(() -> {
                    String id = TalkIds.talkId();
                    TalkRecord created = TalkRecord.created(id, owner, TalkSpec.of("https://example.com/p.png",
                            TalkSpec.Script.text("Hello.", null, false), null), now);
                    store.putJson(ObjectKeys.record(owner, id), done
                            ? created.done(now, ObjectKeys.result(owner, id, "mp4"), null, 10.0, metadata, null)
                            : created);
                    if (!done) {
                        store.put(ObjectKeys.inflight(partition(id), id), owner.getBytes(StandardCharsets.UTF_8),
                                "text/plain");
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The partition a talk's events go to on the local broker (the default partitioner's). */
    private static int partition(String talkId) {
        return Utils.toPositive(Utils.murmur2(talkId.getBytes(StandardCharsets.UTF_8))) % LocalInfra.TOPIC_PARTITIONS;
    }
}
