package org.opentalks.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentalks.infra.LocalInfra;

/**
 * The compatibility promise, checked the way users will test it: the request code of real D-ID Talks
 * clients (Python requests and urllib, Node fetch and axios, Java HttpURLConnection and HttpClient,
 * curl), each a program under {@code src/test/resources/clients/}, run unchanged but for the base URL
 * against the whole system (real broker, store and the six services). Each one uploads the photo,
 * creates a talk, polls it to {@code done}, downloads the signed result, finds the talk in the list
 * and deletes it, with the auth header and the lenient body shapes its style sends; some pass a
 * webhook, which must arrive here.
 *
 * <p>The clients need what {@code ./opentalks setup} installs (Debian's python3-requests, curl, jq,
 * Node with axios in {@code .opentalks/clients/node}); a missing one fails its client, never skips it.
 */
@Tag("e2e")
class DidClientReplayEndToEndTest {
    private static final String OWNER = "replay";
    private static final String KEY = OWNER + ":" + secret();
    /** How long a client waits for its talk to be done (passed to it); the process gets a little more. */
    private static final Duration TALK_DEADLINE = Duration.ofMinutes(3);
    private static final Duration PROCESS_SLACK = Duration.ofSeconds(90);
    private static final Duration WEBHOOK_WAIT = Duration.ofSeconds(60);
    private static final Pattern TALK_ID = Pattern.compile("(?m)^TALK_ID=(tlk_[A-Za-z0-9_-]+)\\s*$");
    private static final String SETUP = "run ./opentalks setup";

    private static Path root;
    private static Path work;
    private static Path photo;
    private static Path recording;
    private static LocalCluster cluster;
    private static WebhookReceiver webhooks;

    /** What a client program needs on this machine. */
    enum Tool {
        PYTHON3("/usr/bin/python3 (Debian's python3)"),
        PYTHON_REQUESTS("the requests module of /usr/bin/python3 (Debian's python3-requests)"),
        NODE("node 18 or newer (its built-in fetch)"),
        AXIOS("axios in .opentalks/clients/node"),
        CURL("curl"),
        JQ("jq"),
        BASH("bash"),
        JACKSON("Jackson on the test's class path");

        final String what;

        Tool(String what) {
            this.what = what;
        }
    }

    /**
     * One client style.
     *
     * @param name    stack and style, as the test is shown
     * @param script  its program, relative to {@code clients/}
     * @param auth    the Authorization form it sends for {@code owner:secret}
     * @param shapes  the lenient or legacy body shapes it sends
     * @param webhook whether it passes this test's webhook URL
     * @param needs   what it runs with
     */
    record Client(String name, String script, String auth, String shapes, boolean webhook, Set<Tool> needs) {
        @Override
        public String toString() {
            return name + " [" + auth + "; " + shapes + (webhook ? "; webhook" : "") + "]";
        }
    }

    static Stream<Client> clients() {
        return Stream.of(
                new Client("python requests, HTTPBasicAuth(key, \"\")", "python/requests_basic_auth.py",
                        "Basic base64(owner:secret:)", "stitch inside script, empty voice_config, image/png part",
                        true, Set.of(Tool.PYTHON3, Tool.PYTHON_REQUESTS)),
                new Client("python requests, raw header as D-ID's docs", "python/requests_raw_header.py",
                        "Basic owner:secret", "application/octet-stream part, top-level persist, /credits, "
                        + "/tts/voices, paged GET /talks", false, Set.of(Tool.PYTHON3, Tool.PYTHON_REQUESTS)),
                new Client("python urllib.request (standard library)", "python/urllib_stdlib.py",
                        "Basic base64(owner:secret)", "\"ssml\": \"false\", \"pad_audio\": \"0.0\", "
                        + "\"fluent\": \"false\", top-level persist", true, Set.of(Tool.PYTHON3)),
                new Client("node built-in fetch", "node/fetch_builtin.mjs",
                        "Basic base64(owner:secret) via Buffer", "SSML fragment without <speak>",
                        true, Set.of(Tool.NODE)),
                new Client("node axios", "node/axios_bearer.js", "Bearer owner:secret",
                        "voice_id by name (Jenny, microsoft), form-data stream", false, Set.of(Tool.NODE, Tool.AXIOS)),
                new Client("java HttpURLConnection (single-file source)", "java/HttpUrlConnectionClient.java",
                        "Basic base64(owner:secret)", "audio script (POST /audios) with ignored input and provider",
                        false, Set.of()),
                new Client("java java.net.http.HttpClient + Jackson", "java/HttpClientClient.java",
                        "Bearer owner:secret", "stitch inside script, application/octet-stream part",
                        false, Set.of(Tool.JACKSON)),
                new Client("curl -u \"$KEY:\"", "curl/curl_user.sh", "Basic base64(owner:secret:)",
                        "stitch inside script (heredoc body)", false, Set.of(Tool.BASH, Tool.CURL, Tool.JQ)),
                new Client("curl -H \"Authorization: Basic $KEY\"", "curl/curl_header.sh", "Basic owner:secret",
                        "application/octet-stream part, empty voice_config, booleans and numbers as strings",
                        true, Set.of(Tool.BASH, Tool.CURL, Tool.JQ)));
    }

    @BeforeAll
    static void startSystem() throws Exception {
        root = Path.of(System.getProperty("opentalks.root"));
        photo = root.resolve(".opentalks/samples/astronaut.png");
        assertTrue(Files.isRegularFile(photo), photo + " is missing: " + SETUP);
        work = Files.createDirectories(root.resolve("local-infra/launcher/target/client-replay"));
        recording = writeRecording(work.resolve("voice.wav"), 3.0);
        cluster = LocalCluster.start(new LocalCluster.Options(root, Files.createTempDirectory(work, "cluster-"), 0,
                KEY, LocalInfra.Mode.AUTO, Map.of("opentalks.fetch.allow-http-hosts", "127.0.0.1")));
        webhooks = new WebhookReceiver(cluster.webhookSecret());
    }

    @AfterAll
    static void stopSystem() {
        if (cluster != null) {
            cluster.close();
        }
        if (webhooks != null) {
            webhooks.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void clientRunsTheWholeDidFlowUnchanged(Client client) throws Exception {
        for (Tool tool : client.needs()) {
            missing(tool).ifPresent(problem -> fail(client.name() + " needs " + tool.what + ", but " + problem
                    + ": " + SETUP));
        }
        Path program = root.resolve("local-infra/launcher/src/test/resources/clients").resolve(client.script());
        assertTrue(Files.isRegularFile(program), program + " is missing");
        Path dir = Files.createDirectories(work.resolve(client.script().replaceAll("[/.]", "-")));

        List<String> command = new ArrayList<>(interpreter(program));
        command.addAll(List.of(cluster.apiBaseUrl(), photo.toString(), Long.toString(TALK_DEADLINE.toSeconds())));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("DID_API_KEY", cluster.apiKey());
        env.put("AUDIO_FILE", recording.toString());
        env.put("NODE_PATH", root.resolve(".opentalks/clients/node/node_modules").toString());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("TMPDIR", dir.toString());
        env.remove("WEBHOOK_URL");
        if (client.webhook()) {
            env.put("WEBHOOK_URL", webhooks.url());
        }

        System.out.println("=== " + client + "\n$ " + String.join(" ", command));
        Process process = builder.start();
        Duration limit = TALK_DEADLINE.plus(PROCESS_SLACK);
        boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(dir.resolve("output.txt"));
        System.out.println(output.indent(4));
        String replay = "\n--- " + client + "\n$ DID_API_KEY=" + cluster.apiKey()
                + (client.webhook() ? " WEBHOOK_URL=" + webhooks.url() : "") + " " + String.join(" ", command)
                + "\n" + output.indent(4);
        assertTrue(finished, () -> "still running after " + limit.toSeconds() + " s (killed)" + replay);
        assertEquals(0, process.exitValue(), () -> "exit status" + replay);

        Matcher id = TALK_ID.matcher(output);
        assertTrue(id.find(), () -> "the client printed no TALK_ID= line" + replay);
        if (client.webhook()) {
            JsonNode hook = webhooks.await(id.group(1), WEBHOOK_WAIT);
            assertEquals(id.group(1), hook.path("id").asText(), hook::toString);
            assertEquals("done", hook.path("status").asText(), hook::toString);
            assertTrue(hook.path("result_url").asText().startsWith("http"), () -> "result_url in " + hook);
        }
    }

    private static String secret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** How a program of each stack is started: Debian's python, node, this JDK's source launcher, bash. */
    private static List<String> interpreter(Path program) throws IOException {
        String name = program.getFileName().toString();
        if (name.endsWith(".py")) {
            return List.of("/usr/bin/python3", program.toString());
        }
        if (name.endsWith(".js") || name.endsWith(".mjs")) {
            return List.of("node", program.toString());
        }
        if (name.endsWith(".sh")) {
            return List.of("bash", program.toString());
        }
        if (name.endsWith(".java")) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> launch = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
            if (Files.readString(program).contains("com.fasterxml.jackson")) {
                launch.addAll(List.of("--class-path", jacksonClassPath()));
            }
            launch.add(program.toString());
            return launch;
        }
        throw new IllegalArgumentException("no interpreter for " + program);
    }

    /** Why {@code tool} cannot be used here, or empty when it can. */
    private static Optional<String> missing(Tool tool) {
        return switch (tool) {
            case PYTHON3 -> Files.isExecutable(Path.of("/usr/bin/python3")) ? Optional.empty()
                    : Optional.of("/usr/bin/python3 does not exist");
            case PYTHON_REQUESTS -> runs("/usr/bin/python3", "-c", "import requests");
            case NODE -> runs("node", "-e", "process.exit(typeof fetch === 'function'"
                    + " && typeof FormData === 'function' ? 0 : 1)");
            case AXIOS -> Files.isRegularFile(root.resolve(".opentalks/clients/node/node_modules/axios/package.json"))
                    ? Optional.empty() : Optional.of(".opentalks/clients/node/node_modules/axios is not installed");
            case CURL -> runs("curl", "--version");
            case JQ -> runs("jq", "--version");
            case BASH -> runs("bash", "--version");
            case JACKSON -> {
                try {
                    jacksonClassPath();
                    yield Optional.empty();
                } catch (IllegalStateException e) {
                    yield Optional.of(e.getMessage());
                }
            }
        };
    }

    /** Empty when the command exits 0 within 30 s, else what went wrong. */
    private static Optional<String> runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("`" + String.join(" ", command) + "` did not finish");
            }
            return p.exitValue() == 0 ? Optional.empty() : Optional.of("`" + String.join(" ", command)
                    + "` exited " + p.exitValue() + ": " + new String(out, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.of("`" + command[0] + "` cannot be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** The jars of Jackson's databind, core and annotations, which the HttpClient client imports. */
    private static String jacksonClassPath() {
        return Stream.of("com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonFactory",
                "com.fasterxml.jackson.annotation.JsonProperty").map(name -> {
                    try {
                        return Path.of(Class.forName(name).getProtectionDomain().getCodeSource().getLocation().toURI())
                                .toString();
                    } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
                        throw new IllegalStateException(name + " is not on the class path (" + e + ")");
                    }
                }).distinct().collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * A voice-like recording for the audio script: 16 kHz mono 16-bit PCM, "syllables" of a 140 Hz
     * buzz with harmonics and a little noise, four a second, with a pause in the middle.
     */
    private static Path writeRecording(Path file, double seconds) throws IOException {
        int rate = 16_000;
        int n = (int) (seconds * rate);
        Random noise = new Random(42);
        ByteBuffer pcm = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            boolean pause = t > seconds * 0.45 && t < seconds * 0.6;
            double envelope = pause ? 0 : Math.pow(Math.sin(Math.PI * 4 * t), 2);
            double voice = 0;
            for (int h = 1; h <= 6; h++) {
                voice += Math.sin(2 * Math.PI * 140 * h * t) / h;
            }
            double sample = envelope * (0.35 * voice + 0.05 * noise.nextGaussian()) + 0.003 * noise.nextGaussian();
            pcm.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample * 12_000)));
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * n)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(2 * rate).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * n);
        Files.write(file, header.array());
        Files.write(file, pcm.array(), StandardOpenOption.APPEND);
        return file;
    }
}
