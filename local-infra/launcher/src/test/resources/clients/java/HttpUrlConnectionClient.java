import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A D-ID Talks client in plain old Java: {@link HttpURLConnection}, no libraries (JSON read with
 * regular expressions), {@code Authorization: Basic base64(<key>)}. It speaks a recording: the WAV is
 * uploaded with POST /audios and used as an audio script, which (as code generated from a text-script
 * template often does) still carries "input" and "provider"; D-ID ignores both in an audio script.
 *
 * <p>Run as a single-file program: {@code java HttpUrlConnectionClient.java BASE_URL PHOTO DEADLINE_SECONDS}
 * with DID_API_KEY and AUDIO_FILE set (WEBHOOK_URL optional).
 */
public class HttpUrlConnectionClient {
    private static String base;
    private static String authorization;

    record Response(int status, String body) {
    }

    public static void main(String[] args) throws Exception {
        String key = System.getenv("DID_API_KEY");
        String audio = System.getenv("AUDIO_FILE");
        if (args.length != 3 || key == null || audio == null) {
            System.err.println("usage: DID_API_KEY=<key> AUDIO_FILE=<wav> java HttpUrlConnectionClient.java "
                    + "BASE_URL PHOTO DEADLINE_SECONDS");
            System.exit(2);
        }
        try {
            run(args[0].replaceAll("/$", ""), Path.of(args[1]), Long.parseLong(args[2]), key, Path.of(audio));
        } catch (Exception e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("OK");
    }

    static void run(String baseUrl, Path photo, long deadlineSeconds, String key, Path audio) throws Exception {
        base = baseUrl;
        authorization = "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));

        String imageUrl = field(expect(upload("/images", "image", photo, "image/png"), 201, "POST /images"), "url");
        System.out.println("image: " + imageUrl);
        Response audioUpload = expect(upload("/audios", "audio", audio, "audio/wav"), 201, "POST /audios");
        String audioUrl = field(audioUpload, "url");
        System.out.println("audio: " + audioUrl + " (" + number(audioUpload.body(), "duration") + " s)");

        String script = "{\"type\": \"audio\", \"audio_url\": \"" + audioUrl + "\", \"input\": \"ignored\", "
                + "\"provider\": {\"type\": \"microsoft\", \"voice_id\": \"en-US-JennyNeural\"}}";
        String webhook = System.getenv("WEBHOOK_URL");
        String body = "{\"source_url\": \"" + imageUrl + "\", \"script\": " + script
                + (webhook == null || webhook.isEmpty() ? "" : ", \"webhook\": \"" + webhook + "\"") + "}";
        String id = field(expect(request("POST", "/talks", body), 201, "POST /talks"), "id");
        System.out.println("TALK_ID=" + id);

        long deadline = System.currentTimeMillis() + deadlineSeconds * 1000;
        Response talk;
        while (true) {
            talk = expect(request("GET", "/talks/" + id, null), 200, "GET /talks/" + id);
            String status = field(talk, "status");
            if (status.equals("done")) {
                break;
            }
            if (status.equals("error") || status.equals("rejected")) {
                throw new IllegalStateException("talk " + id + " ended in " + status + ": " + talk.body());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("talk " + id + " is still " + status + " at the deadline");
            }
            Thread.sleep(1000);
        }
        double duration = number(talk.body(), "duration");
        System.out.println("done: " + duration + " s");
        if (Math.abs(duration - number(audioUpload.body(), "duration")) > 0.5) {
            throw new IllegalStateException("the talk should last as long as the recording: " + talk.body());
        }

        byte[] video = download(field(talk, "result_url"));
        if (video.length < 8 || !new String(video, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")) {
            throw new IllegalStateException("result_url is not an MP4");
        }
        System.out.println("video: " + video.length + " bytes");

        Response list = expect(request("GET", "/talks?limit=40", null), 200, "GET /talks");
        if (!list.body().contains("\"id\":\"" + id + "\"")) {
            throw new IllegalStateException(id + " is not in GET /talks: " + list.body());
        }
        Response deleted = expect(request("DELETE", "/talks/" + id, null), 200, "DELETE /talks/" + id);
        if (!id.equals(field(deleted, "id"))) {
            throw new IllegalStateException("DELETE answered another talk: " + deleted.body());
        }
    }

    static Response request(String method, String path, String json) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL(base + path).openConnection();
        conn.setRequestMethod(method);
        conn.setRequestProperty("Authorization", authorization);
        conn.setRequestProperty("Accept", "application/json");
        conn.setConnectTimeout(5000);
        conn.setReadTimeout(30000);
        if (json != null) {
            conn.setDoOutput(true);
            conn.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = conn.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        return read(conn, method + " " + path);
    }

    static Response upload(String path, String field, Path file, String contentType) throws IOException {
        String boundary = "----DidClient" + System.nanoTime();
        HttpURLConnection conn = (HttpURLConnection) new URL(base + path).openConnection();
        conn.setRequestMethod("POST");
        conn.setDoOutput(true);
        conn.setRequestProperty("Authorization", authorization);
        conn.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
        try (OutputStream out = conn.getOutputStream()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                    + file.getFileName() + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            Files.copy(file, out);
            out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return read(conn, "POST " + path);
    }

    static Response read(HttpURLConnection conn, String what) throws IOException {
        int status = conn.getResponseCode();
        InputStream in = status >= 400 ? conn.getErrorStream() : conn.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(what + " -> " + status);
        return new Response(status, body);
    }

    static byte[] download(String url) throws IOException {
        HttpURLConnection conn = (HttpURLConnection) new URL(url).openConnection(); // signed: no key
        if (conn.getResponseCode() != 200) {
            throw new IOException("downloading " + url + ": HTTP " + conn.getResponseCode());
        }
        try (InputStream in = conn.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    static Response expect(Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + ": expected HTTP " + status + ", got " + response.status() + ": "
                    + response.body());
        }
        return response;
    }

    /** A top-level string field: the first occurrence of "name":"value". */
    static String field(Response response, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + response.body());
        }
        return m.group(1);
    }

    static double number(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no number \"" + name + "\" in " + body);
        }
        return Double.parseDouble(m.group(1));
    }
}
