package org.opentalks.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** TCP ports on the loopback interface. */
public final class Ports {
    private Ports() {
    }

    /** Ports this JVM handed out already: the kernel may offer a just-closed port again. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port nobody listens on right now, and never one this JVM handed out before, so servers started
     * side by side (the broker and S3Proxy start in parallel) cannot be given the same port. Another
     * process may still take it before the caller binds it; that window is accepted for local use.
     */
    public static int free() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free TCP port on the loopback interface", e);
            }
        }
    }

    /**
     * {@code port}, or a free one when it is 0. A port already taken fails here, before a server is
     * started: otherwise a readiness probe could be answered by whoever holds it (an earlier run).
     */
    static int orFree(int port, String server) {
        if (port == 0) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new InfraException("port " + port + " for " + server + " is in use: is OpenTalks already running?"
                    + " Stop it, or choose another port", e);
        }
    }
}
