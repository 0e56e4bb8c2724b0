package org.opentalks.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void portsHandedOutInParallelAreDistinctAndBindable() throws IOException {
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 200)
                .mapToObj(i -> CompletableFuture.supplyAsync(Ports::free))
                .toList();
        Set<Integer> ports = new HashSet<>();
        for (CompletableFuture<Integer> call : calls) {
            assertTrue(ports.add(call.join()), "port handed out twice: " + call.join());
        }
        assertEquals(200, ports.size());
        int port = ports.iterator().next();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, socket.getLocalPort());
        }
    }
}
