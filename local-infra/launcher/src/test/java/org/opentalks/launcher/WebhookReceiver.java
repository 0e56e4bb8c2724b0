package org.opentalks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opentalks.contract.json.Json;

/** A third party receiving webhooks on loopback: every POST body is queued for the test to take. */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    /** Bodies received, by the talk id they carry. */
    private final Map<String, BlockingQueue<JsonNode>> received = new ConcurrentHashMap<>();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            try (exchange) {
                JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
                queue(body.path("id").asText()).add(body);
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next webhook body for {@code talkId}, waiting up to {@code timeout}. */
    JsonNode await(String talkId, Duration timeout) throws InterruptedException {
        JsonNode body = queue(talkId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (body == null) {
            throw new AssertionError("no webhook for " + talkId + " within " + timeout.toSeconds() + " s");
        }
        return body;
    }

    private BlockingQueue<JsonNode> queue(String talkId) {
        return received.computeIfAbsent(talkId, id -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
