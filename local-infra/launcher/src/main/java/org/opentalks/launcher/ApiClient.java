package org.opentalks.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.opentalks.contract.json.Json;

/** A small client of the OpenTalks (D-ID Talks) HTTP API, as a user's program would call it. */
public final class ApiClient {
    private static final Set<String> FINAL = Set.of("done", "error", "rejected");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response's status and JSON body (null when the body is empty). */
    public record Reply(int status, JsonNode body) {
        public String text(String field) {
            JsonNode value = body == null ? null : body.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    /** @param apiKey sent as D-ID's docs show it: {@code Basic <user:password>}, not re-encoded */
    public ApiClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + apiKey;
    }

    public Reply uploadImage(Path file, String contentType) {
        return upload("/images", "image", file, contentType);
    }

    /** POST /audios of a recording, as D-ID's multipart field {@code audio}. */
    public Reply uploadAudio(Path file, String contentType) {
        return upload("/audios", "audio", file, contentType);
    }

    private Reply upload(String path, String field, Path file, String contentType) {
        String boundary = "opentalks-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.write(Files.readAllBytes(file));
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(request(path)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    public Reply post(String path, String json) {
        return post(path, json, Map.of());
    }

    /** POST with more headers, e.g. D-ID's {@code x-api-key-external} with the client's provider keys. */
    public Reply post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply get(String path) {
        return send(request(path).GET().build());
    }

    /** Polls GET /talks/{id} until the talk is done, error or rejected, or the deadline passes. */
    public JsonNode awaitFinal(String talkId, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Reply reply = get("/talks/" + talkId);
            if (reply.status() != 200) {
                throw new IllegalStateException("GET /talks/" + talkId + " answered " + reply.status() + ": "
                        + reply.body());
            }
            if (FINAL.contains(reply.text("status"))) {
                return reply.body();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("talk " + talkId + " still " + reply.text("status") + " after "
                        + timeout.toSeconds() + " s");
            }
            pause();
        }
    }

    /** Downloads a presigned result URL (no API key: the URL itself is the credential). */
    public void download(String url, Path target) {
        try {
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("downloading " + url + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            return new Reply(response.statusCode(), body.length == 0 ? null : Json.mapper().readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }
}
