package org.opentalks.launcher.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opentalks.contract.json.Json;

/**
 * A client's own webhook endpoint on loopback (plain http, which the cluster allow-lists for
 * 127.0.0.1): every POST's JSON body is kept by the talk id it carries.
 */
final class WebhookInbox implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, BlockingQueue<JsonNode>> byTalk = new ConcurrentHashMap<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    WebhookInbox() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/did-webhook", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
                queue(body.path("id").asText()).add(body);
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/did-webhook";
    }

    /**
     * The first webhook body for {@code talkId} whose status is {@code done}, waiting up to
     * {@code timeout} for it; the bodies seen before it (e.g. an {@code error}) are in the failure.
     */
    JsonNode awaitDone(String talkId, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        while (true) {
            long left = end - System.nanoTime();
            JsonNode body = left <= 0 ? null : queue(talkId).poll(left, TimeUnit.NANOSECONDS);
            if (body == null) {
                throw new AssertionError("no webhook POST with status done for " + talkId + " within "
                        + timeout.toSeconds() + " s; received: " + (seen.length() == 0 ? "none" : seen)
                        + (refused.isEmpty() ? "" : "; refused non-POST calls: " + refused));
            }
            if (body.path("status").asText().equals("done")) {
                return body;
            }
            seen.append(body).append('\n');
        }
    }

    private BlockingQueue<JsonNode> queue(String talkId) {
        return byTalk.computeIfAbsent(talkId, id -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
