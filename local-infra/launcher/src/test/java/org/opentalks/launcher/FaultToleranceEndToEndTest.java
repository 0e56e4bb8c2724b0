package org.opentalks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.infra.LocalInfra;

/**
 * The fault drill's short form ({@link FaultDrill}, one talk in flight at each fault; {@code ./opentalks
 * bench-faults} runs the long one): each stage and the notifier killed with SIGKILL mid-flight, the
 * broker restarted, the store down for 30 s, every webhook refused three times. Every talk ends done,
 * none lost or duplicated, one webhook taken each, every signature valid.
 */
@Tag("e2e")
class FaultToleranceEndToEndTest {
    @Test
    void everyTalkSurvivesEveryFault() throws Exception {
        Path root = Path.of(System.getProperty("opentalks.root"));
        Path work = Files.createDirectories(root.resolve("local-infra/launcher/target/faults"));
        String key = "faults:" + Long.toHexString(System.nanoTime());
        // Embedded: the drill restarts the broker and stops the store, which only the embedded ones allow.
        try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(root,
                Files.createTempDirectory(work, "cluster-"), 0, key, LocalInfra.Mode.EMBEDDED, FaultDrill.CONFIG));
             WebhookSink sink = new WebhookSink(cluster.webhookSecret(), FaultDrill.WEBHOOK_FAILURES)) {
            FaultDrill.Report report = FaultDrill.run(root, cluster, sink, 1, line -> System.out.println("[drill] " + line));
            System.out.println(report.describe());

            assertEquals(7, report.faults().size(), report::describe);
            assertEquals(report.talks(), report.done(), report::describe);
            assertEquals(0, report.lost(), report::describe);
            assertEquals(0, report.duplicated(), report::describe);
            assertEquals(report.talks(), report.webhooksTaken(), report::describe);
            assertTrue(report.webhookAttempts() >= (FaultDrill.WEBHOOK_FAILURES + 1) * report.talks(), report::describe);
            assertTrue(report.problems().isEmpty(), report::describe);
        }
    }
}
