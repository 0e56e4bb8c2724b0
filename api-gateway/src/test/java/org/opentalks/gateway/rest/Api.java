package org.opentalks.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentalks.contract.json.Json;

/** The calls the API tests make, with the answers parsed by the contract's own JSON mapping. */
final class Api {
    /** How long a change made behind the gateway (store, talks.status) may take to show. */
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern CONTENT_LENGTH =
            Pattern.compile("(?im)^content-length:\\s*(\\d+)$");
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    /** A body the gateway accepts, with only the required fields. */
    static final String MINIMAL_BODY = """
            {"source_url": "https://example.com/photos/me.png",
             "script": {"type": "text", "input": "Hello there!"}}""";

    /** POST /talks; the answer whatever its status. */
    static Response postTalk(String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .when().post("/talks");
    }

    /** POST /talks that must be accepted; the 201 body. */
    static JsonNode createTalk(String authorization, String body) {
        Response response = postTalk(authorization, body);
        assertEquals(201, response.statusCode(), response::asString);
        return json(response);
    }

    static String createMinimal(String authorization) {
        return createTalk(authorization, MINIMAL_BODY).get("id").asText();
    }

    static Response getTalk(String authorization, String id) {
        return given().header("Authorization", authorization).when().get("/talks/" + id);
    }

    /** GET /talks/{id} that must succeed; the talk object. */
    static JsonNode talk(String authorization, String id) {
        Response response = getTalk(authorization, id);
        assertEquals(200, response.statusCode(), response::asString);
        return json(response);
    }

    static Response deleteTalk(String authorization, String id) {
        return given().header("Authorization", authorization).when().delete("/talks/" + id);
    }

    /** POST /images of a sample photo that must be accepted; the 201 body ({@code id}, {@code url}). */
    static JsonNode uploadImage(String authorization, Path photo) {
        String type = photo.getFileName().toString().endsWith(".png") ? "image/png" : "image/jpeg";
        Response response = given().header("Authorization", authorization)
                .multiPart("image", photo.toFile(), type)
                .when().post("/images");
        assertEquals(201, response.statusCode(), response::asString);
        return json(response);
    }

    /** POST /audios; the answer whatever its status. */
    static Response postAudio(String authorization, String fileName, byte[] bytes, String contentType) {
        return given().header("Authorization", authorization)
                .multiPart("audio", fileName, bytes, contentType)
                .when().post("/audios");
    }

    /** Polls GET /talks/{id} until the talk has {@code status}; its talk object then. */
    static JsonNode awaitStatus(String authorization, String id, String status) {
        return await("talk " + id + " to be " + status, () -> {
            Response response = getTalk(authorization, id);
            return response.statusCode() == 200 && status.equals(json(response).get("status").asText())
                    ? Optional.of(json(response)) : Optional.empty();
        });
    }

    /** Polls {@code probe} until it yields a value, for at most {@link #DEADLINE}. */
    static <T> T await(String what, Supplier<Optional<T>> probe) {
        return await(what, DEADLINE, probe).orElseGet(() -> fail("waited " + DEADLINE.toSeconds() + " s for " + what));
    }

    /** Polls {@code probe} until it yields a value or {@code deadline} passes. */
    static <T> Optional<T> await(String what, Duration deadline, Supplier<Optional<T>> probe) {
        Instant end = Instant.now().plus(deadline);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent() || Instant.now().isAfter(end)) {
                return value;
            }
            pause();
        }
    }

    static JsonNode json(Response response) {
        return json(response.asByteArray());
    }

    static JsonNode json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    /** A signed media link's path and query, to fetch it from the test server (its host is the public one). */
    static String pathAndQuery(String link) {
        URI uri = URI.create(link);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    /** GET of a signed media link, without an API key. */
    static Response download(String link) {
        return given().urlEncodingEnabled(false).when().get(pathAndQuery(link));
    }

    /** An HTTP/1.1 exchange written byte for byte, for requests a client library would correct. */
    record RawResponse(int status, String head, String body) {
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) and no body; reads the
     * answer's head and its Content-Length body (a server refusing a body may keep waiting for it).
     */
    static RawResponse raw(String head) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout((int) DEADLINE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (!received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    fail("the connection closed before an answer: " + received);
                }
                received.write(b);
            }
            String answerHead = received.toString(StandardCharsets.ISO_8859_1).trim();
            if (!answerHead.startsWith("HTTP/1.1 ")) {
                fail("not an HTTP answer: " + answerHead);
            }
            Matcher length = CONTENT_LENGTH.matcher(answerHead);
            byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
            return new RawResponse(Integer.parseInt(answerHead.substring(9, 12)), answerHead,
                    new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Api() {
    }
}
