package org.opentalks.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("it")
class LocalInfraStartTest {
    @Test
    void aTakenKafkaPortFailsClearlyAndLeavesNoServerRunning(@TempDir Path dataDir) throws Exception {
        String override = System.getProperty(LocalInfra.MODE_PROPERTY, System.getenv(LocalInfra.MODE_ENV));
        Assumptions.assumeTrue(override == null || override.isBlank(), "the infrastructure mode is overridden");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalInfra.Options options = LocalInfra.Options.of(dataDir)
                    .withMode(LocalInfra.Mode.EMBEDDED)
                    .withPorts(taken.getLocalPort(), 0);

            InfraException failure = assertThrows(InfraException.class, () -> LocalInfra.start(options));

            String expected = "port " + taken.getLocalPort() + " for the Kafka broker is in use";
            assertTrue(failure.getMessage().contains(expected), failure.getMessage());
        }
        // S3Proxy was started beside the broker; it must have been stopped again, not left behind.
        assertTrue(Files.readString(dataDir.resolve("s3proxy/s3proxy.log")).contains("starting S3Proxy"));
        List<ProcessHandle> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
        assertEquals(List.of(), children);
    }
}
