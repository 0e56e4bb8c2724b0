import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A D-ID Talks client on Java 11+'s {@link HttpClient} with Jackson, {@code Authorization: Bearer <key>};
 * it uploads the photo as {@code application/octet-stream} (what a byte-array part defaults to) and,
 * as code ported from D-ID's stitch examples does, puts {@code "stitch": true} inside {@code script},
 * where D-ID ignores it.
 *
 * <p>Run as a single-file program with Jackson on the class path:
 * {@code java --class-path <jackson jars> HttpClientClient.java BASE_URL PHOTO DEADLINE_SECONDS}, DID_API_KEY set
 * (WEBHOOK_URL optional).
 */
public class HttpClientClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    HttpClientClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.replaceAll("/$", "");
        this.apiKey = apiKey;
    }

    public static void main(String[] args) {
        String key = System.getenv("DID_API_KEY");
        if (args.length != 3 || key == null) {
            System.err.println("usage: DID_API_KEY=<key> java HttpClientClient.java BASE_URL PHOTO DEADLINE_SECONDS");
            System.exit(2);
        }
        try {
            new HttpClientClient(args[0], key).run(Path.of(args[1]), Duration.ofSeconds(Long.parseLong(args[2])),
                    System.getenv("WEBHOOK_URL"));
            System.out.println("OK");
        } catch (Exception e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    void run(Path photo, Duration timeout, String webhook) throws Exception {
        JsonNode image = send("POST /images", 201, upload(photo, "application/octet-stream"));
        String sourceUrl = image.path("url").asText();
        System.out.println("uploaded " + photo.getFileName() + " -> " + sourceUrl);

        ObjectNode body = JSON.createObjectNode();
        body.put("source_url", sourceUrl);
        ObjectNode script = body.putObject("script");
        script.put("type", "text");
        script.put("input", "A Java program made this with the built-in HTTP client.");
        script.putObject("provider").put("type", "microsoft").put("voice_id", "en-US-JennyNeural")
                .putObject("voice_config").put("style", "Cheerful");
        script.put("stitch", true); // misplaced: it belongs in config, and D-ID ignores it here
        body.putObject("config").put("result_format", "mp4").put("align_driver", true);
        if (webhook != null && !webhook.isEmpty()) {
            body.put("webhook", webhook);
        }
        JsonNode created = send("POST /talks", 201, json("/talks").POST(
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        String id = created.path("id").asText();
        System.out.println("TALK_ID=" + id);

        Instant deadline = Instant.now().plus(timeout);
        JsonNode talk;
        do {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("talk " + id + " not done within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(1000);
            talk = send("GET /talks/" + id, 200, json("/talks/" + id).GET().build());
            System.out.println("  status " + talk.path("status").asText());
            if (talk.path("status").asText().matches("error|rejected")) {
                throw new IllegalStateException("talk " + id + " failed: " + talk.path("error"));
            }
        } while (!talk.path("status").asText().equals("done"));
        if (talk.path("config").path("stitch").asBoolean()) {
            throw new IllegalStateException("a stitch inside script must not turn stitching on: " + talk.path("config"));
        }

        HttpResponse<byte[]> video = http.send(HttpRequest.newBuilder(URI.create(talk.path("result_url").asText()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = video.body();
        if (video.statusCode() != 200 || bytes.length < 8
                || !new String(bytes, 4, 4, StandardCharsets.US_ASCII).equals("ftyp")) {
            throw new IllegalStateException("result_url did not give an MP4 (HTTP " + video.statusCode() + ")");
        }
        System.out.println("video " + bytes.length + " bytes, " + talk.path("duration").asDouble() + " s");

        JsonNode list = send("GET /talks", 200, json("/talks?limit=10").GET().build());
        boolean listed = false;
        for (JsonNode t : list.path("talks")) {
            listed |= t.path("id").asText().equals(id);
        }
        if (!listed) {
            throw new IllegalStateException(id + " is not among the newest talks: " + list);
        }

        JsonNode deleted = send("DELETE /talks/" + id, 200, json("/talks/" + id).DELETE().build());
        if (!deleted.path("id").asText().equals(id)) {
            throw new IllegalStateException("DELETE answered " + deleted);
        }
    }

    private HttpRequest.Builder json(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30));
    }

    private HttpRequest upload(Path file, String partType) throws IOException {
        String boundary = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(baseUrl + "/images"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private JsonNode send(String what, int expected, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(what + " -> " + response.statusCode());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what + ": expected HTTP " + expected + ", got " + response.statusCode()
                    + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
