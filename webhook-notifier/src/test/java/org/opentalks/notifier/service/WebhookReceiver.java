package org.opentalks.notifier.service;

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
    /** One POST as received: its headers by lower-case name (first value each) and its body as sent. */
    record Delivery(String contentType, JsonNode body, Map<String, String> headers, byte[] raw) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** A scripted answer: a status and, when not null, a {@code Retry-After} header. */
    record Answer(int status, String retryAfter) {
    }

    private final HttpServer server;
    private final Map<String, BlockingQueue<Delivery>> received = new ConcurrentHashMap<>();
    private final Map<String, Queue<Answer>> scripted = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                byte[] raw = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new java.util.TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
                deliveries(path).add(new Delivery(exchange.getRequestHeaders().getFirst("Content-Type"),
                        Json.mapper().readTree(raw), headers, raw));
                Answer answer = scripted.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
                if (answer != null && answer.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
                }
                exchange.sendResponseHeaders(answer == null ? 204 : answer.status(), -1);
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next deliveries to {@code path} are answered with {@code statuses}, in order; later ones 204. */
    void answerFirst(String path, Integer... statuses) {
        for (int status : statuses) {
            answerNext(path, new Answer(status, null));
        }
    }

    void answerNext(String path, Answer answer) {
        scripted.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(answer);
    }

    /** The next delivery to {@code path}, waiting up to {@code timeout}. */
    Delivery await(String path, Duration timeout) throws InterruptedException {
        Delivery delivery = deliveries(path).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            throw new AssertionError("no webhook delivery to " + path + " within " + timeout.toMillis() + " ms");
        }
        return delivery;
    }

    /** The deliveries to {@code path} received and not yet awaited. */
    int waiting(String path) {
        return deliveries(path).size();
    }

    private BlockingQueue<Delivery> deliveries(String path) {
        return received.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
