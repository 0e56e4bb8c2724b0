package org.opentalks.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opentalks.infra.LocalInfra;

/** {@code ./opentalks bench-faults [N]}: the fault drill, long form: N (default 4) talks in flight at each fault. */
final class FaultBenchmark {
    private FaultBenchmark() {
    }

    static void run(Path root, int talksPerFault) throws Exception {
        Path data = Files.createTempDirectory("opentalks-bench-faults-");
        String key = "faults:" + Long.toHexString(System.nanoTime());
        Launcher.say("starting Kafka, S3Proxy and the six services (data in " + data + ")");
        try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Options(root, data, 0, key,
                LocalInfra.Mode.EMBEDDED, FaultDrill.CONFIG));
             WebhookSink sink = new WebhookSink(cluster.webhookSecret(), FaultDrill.WEBHOOK_FAILURES)) {
            FaultDrill.Report report = FaultDrill.run(root, cluster, sink, talksPerFault, Launcher::say);
            Launcher.say(report.describe());
            if (!report.problems().isEmpty() || report.lost() > 0 || report.duplicated() > 0 || report.notDone() > 0) {
                throw new IllegalStateException("the drill found problems: " + report.describe());
            }
        }
    }
}
