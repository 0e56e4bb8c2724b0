package org.opentalks.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** TCP ports on the loopback interface. */
public final class Ports {
    private Ports() {
    }

    /**
     * A port nobody listens on right now. Another process may still take it before the caller binds it;
     * that window is accepted for local use.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port on the loopback interface", e);
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
