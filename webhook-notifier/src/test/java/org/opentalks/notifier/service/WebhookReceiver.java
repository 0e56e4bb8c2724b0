package org.opentalks.notifier.service;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opentalks.contract.json.Json;

/**
 * A third party receiving webhooks on loopback. Each path keeps its own deliveries; a path may be
 * told to answer some status codes first (then 204), to exercise retries.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One POST as received. */
    record Delivery(String contentType, JsonNode body) {
    }

    private final HttpServer server;
    private final Map<String, BlockingQueue<Delivery>> received = new ConcurrentHashMap<>();
    private final Map<String, Queue<Integer>> scripted = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
                deliveries(path).add(new Delivery(exchange.getRequestHeaders().getFirst("Content-Type"), body));
                Integer status = scripted.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
                exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next deliveries to {@code path} are answered with {@code statuses}, in order; later ones 204. */
    void answerFirst(String path, Integer... statuses) {
        scripted.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(java.util.List.of(statuses));
    }

    /** The next delivery to {@code path}, waiting up to {@code timeout}. */
    Delivery await(String path, Duration timeout) throws InterruptedException {
        Delivery delivery = deliveries(path).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            throw new AssertionError("no webhook delivery to " + path + " within " + timeout.toMillis() + " ms");
        }
        return delivery;
    }

    /** Fails when another delivery to {@code path} arrives within {@code window}. */
    void assertNoDelivery(String path, Duration window) throws InterruptedException {
        assertNull(deliveries(path).poll(window.toMillis(), TimeUnit.MILLISECONDS),
                "unexpected extra webhook delivery to " + path);
    }

    private BlockingQueue<Delivery> deliveries(String path) {
        return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
