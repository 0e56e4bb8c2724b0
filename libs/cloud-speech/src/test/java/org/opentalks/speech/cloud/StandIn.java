package org.opentalks.speech.cloud;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP server on the loopback address standing in for a provider's API: each path answers as the
 * provider documents, and every request is kept for the test to inspect. Published in this module's test jar
 * with the providers' stand-ins ({@link AzureStandIn} and the others) for the end-to-end tests.
 */
public final class StandIn implements AutoCloseable {

    /** A request as the stand-in received it. */
    public record Received(String method, String path, String query, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, headers and body. */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }

        public static Reply bytes(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Reply answer(Received request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Handler> prefixes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** What a handler threw: a stand-in that fails answers 500, and the test sees why here. */
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    public StandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:43121}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public StandIn on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** Answers every path under {@code prefix} that has no handler of its own. */
    public StandIn under(String prefix, Handler handler) {
        prefixes.put(prefix, handler);
        return this;
    }

    public List<Received> requests() {
        return List.copyOf(received);
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            Received request = new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders(), body);
            received.add(request);
            Handler handler = handlers.get(uri.getRawPath());
            if (handler == null) {
                handler = prefixes.entrySet().stream().filter(e -> uri.getRawPath().startsWith(e.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            Reply reply;
            try {
                reply = handler == null ? Reply.json(404, "{\"message\":\"no such path\"}") : handler.answer(request);
            } catch (Throwable t) {
                failures.add(t);
                reply = Reply.json(500, "{\"message\":\"the stand-in failed\"}");
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
