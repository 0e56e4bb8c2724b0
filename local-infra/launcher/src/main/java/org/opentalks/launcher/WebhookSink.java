package org.opentalks.launcher;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for the fault drills: it answers the first {@code failures} deliveries of every
 * {@code webhook-id} with 500, then 200; it checks every signature (Standard Webhooks, computed here
 * from the specification) and counts, per id, the deliveries it took.
 */
final class WebhookSink implements AutoCloseable {
    private final HttpServer server;
    private final byte[] key;
    private final int failures;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
    private final List<String> badSignatures = java.util.Collections.synchronizedList(new ArrayList<>());

    /** @param secret the cluster's webhook secret ({@code whsec_} and base64) */
    WebhookSink(String secret, int failures) {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        this.failures = failures;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String id = String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id"));
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
                if (timestamp == null || signature == null || !signature.equals(expected(id, timestamp, body))) {
                    badSignatures.add(id);
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (attempt <= failures) {
                    exchange.sendResponseHeaders(500, -1);
                } else {
                    taken.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    exchange.sendResponseHeaders(200, -1);
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Deliveries of {@code webhookId} answered 200. */
    int taken(String webhookId) {
        AtomicInteger n = taken.get(webhookId);
        return n == null ? 0 : n.get();
    }

    /** Every delivery of {@code webhookId}, refused ones included. */
    int attempts(String webhookId) {
        AtomicInteger n = attempts.get(webhookId);
        return n == null ? 0 : n.get();
    }

    /** The ids of deliveries whose signature did not verify. */
    List<String> badSignatures() {
        return List.copyOf(badSignatures);
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

    @Override
    public void close() {
        server.stop(0);
    }
}
