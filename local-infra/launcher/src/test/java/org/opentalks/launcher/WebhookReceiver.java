package org.opentalks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.opentalks.contract.json.Json;

/**
 * A third party receiving webhooks on loopback: every POST body is queued for the test to take, once
 * its Standard Webhooks signature has been checked against the cluster's secret (HMAC-SHA256 over
 * {@code id.timestamp.body}, computed here from the specification, not by the notifier's code); a
 * delivery whose signature does not verify is answered 401 and fails the test that awaits it.
 */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final byte[] key;
    /** Bodies received, by the talk id they carry. */
    private final Map<String, BlockingQueue<JsonNode>> received = new ConcurrentHashMap<>();
    /** Why deliveries were refused, by talk id. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    /** @param secret the cluster's webhook secret, {@code whsec_} and base64 */
    WebhookReceiver(String secret) {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] raw = exchange.getRequestBody().readAllBytes();
                JsonNode body = Json.mapper().readTree(raw);
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
                String talkId = body.path("id").asText();
                if (id == null || timestamp == null || signature == null) {
                    refused.put(talkId, "unsigned: webhook-id " + id + ", webhook-timestamp " + timestamp
                            + ", webhook-signature " + signature);
                    exchange.sendResponseHeaders(401, -1);
                } else if (!signature.equals(expected(id, timestamp, raw))) {
                    refused.put(talkId, "signature " + signature + " does not verify");
                    exchange.sendResponseHeaders(401, -1);
                } else {
                    queue(talkId).add(body);
                    exchange.sendResponseHeaders(204, -1);
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next webhook body for {@code talkId} whose signature verified, waiting up to {@code timeout}. */
    JsonNode await(String talkId, Duration timeout) throws InterruptedException {
        JsonNode body = queue(talkId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (body == null) {
            throw new AssertionError("no webhook for " + talkId + " within " + timeout.toSeconds() + " s"
                    + (refused.containsKey(talkId) ? "; one was refused: " + refused.get(talkId) : ""));
        }
        return body;
    }

    /** How many verified webhooks for {@code talkId} arrived and were not yet awaited. */
    int waiting(String talkId) {
        return queue(talkId).size();
    }

    private String expected(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private BlockingQueue<JsonNode> queue(String talkId) {
        return received.computeIfAbsent(talkId, id -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
