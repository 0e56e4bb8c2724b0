package org.opentalks.service.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.event.StageFailure;
import org.opentalks.service.fetch.FetchException.Reason;

/** Fetches from a real local http server on 127.0.0.1, allow-listed for plain http as in local runs. */
class SafeFetcherHttpTest {
    private static final byte[] PNG = TestMedia.png(64, 48);
    private static final byte[] JPEG = TestMedia.jpeg(40, 30);
    private static final byte[] WAV = TestMedia.wav();
    private static final AtomicInteger HITS = new AtomicInteger();

    private static LocalHttpServer server;
    private static SafeFetcher fetcher;

    @BeforeAll
    static void start() throws IOException {
        server = new LocalHttpServer();
        int port = server.port();
        server.serve("/photo.png", "text/html", PNG) // a wrong Content-Type changes nothing: bytes decide
                .serve("/photo.jpg", "image/jpeg", JPEG)
                .serve("/speech.wav", "audio/wav", WAV)
                .serve("/page.png", "image/png", TestMedia.html())
                .serve("/anim.gif", "image/gif", TestMedia.gif(32, 32))
                .serve("/empty.png", "image/png", new byte[0])
                .serve("/bomb.png", "image/png", TestMedia.pngDeclaring(50_000, 50_000))
                .serve("/tall.png", "image/png", TestMedia.pngDeclaring(10, 8001))
                .serve("/bomb.jpg", "image/jpeg", TestMedia.jpegDeclaring(60_000, 60_000))
                .serve("/huge.png", "image/png", TestMedia.padded(PNG, 10 * 1024 * 1024 + 1))
                .serve("/big-logo.png", "image/png", TestMedia.padded(PNG, 2 * 1024 * 1024 + 1))
                .serveChunked("/chunked.png", "image/png", TestMedia.padded(PNG, 200_000))
                .serveChunked("/chunked-small.png", "image/png", PNG)
                .status("/missing.png", 404)
                .status("/broken.png", 500)
                .silent("/slow.png")
                .route("/counted.png", exchange -> {
                    HITS.incrementAndGet();
                    LocalHttpServer.send(exchange, 200, "image/png", PNG);
                })
                .redirect("/to-private", 302, "http://10.0.0.1/x.png")
                .redirect("/to-metadata", 301, "http://169.254.169.254/latest/meta-data/")
                .redirect("/to-https-loopback", 307, "https://127.0.0.1:" + port + "/photo.png")
                .redirect("/to-decimal", 302, "http://2130706433:" + port + "/photo.png")
                .redirect("/to-mapped", 302, "https://[::ffff:7f00:1]:" + port + "/photo.png")
                .redirect("/to-other-host", 302, "http://localhost:" + port + "/photo.png")
                .redirect("/to-localhost-https", 302, "https://localhost:" + port + "/photo.png")
                .redirect("/to-file", 302, "file:///etc/passwd")
                .route("/no-location", exchange -> exchange.sendResponseHeaders(302, -1))
                .serve("/hop/0", "image/png", PNG);
        for (int i = 1; i <= 4; i++) {
            server.redirect("/hop/" + i, i % 2 == 0 ? 302 : 308, "/hop/" + (i - 1)); // relative locations
        }
        fetcher = new SafeFetcher(FetchSettings.defaults().withAllowHttpHosts(List.of("127.0.0.1")), null);
    }

    @AfterAll
    static void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void fetchesARealPngAndJpegWhateverTheContentTypeSays() throws IOException {
        Fetched png = fetcher.fetch(server.url("/photo.png"), "alice", FetchKind.IMAGE);
        assertArrayEquals(PNG, png.bytes());
        assertEquals("image/png", png.mediaType());
        assertEquals("png", png.extension());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.bytes()));
        assertEquals(64, decoded.getWidth());

        Fetched jpeg = fetcher.fetch(server.url("/photo.jpg"), "alice", FetchKind.LOGO);
        assertArrayEquals(JPEG, jpeg.bytes());
        assertEquals("image/jpeg", jpeg.mediaType());
        assertEquals("jpg", jpeg.extension());

        Fetched chunked = fetcher.fetch(server.url("/chunked-small.png"), "alice", FetchKind.IMAGE);
        assertArrayEquals(PNG, chunked.bytes());
    }

    @Test
    void fetchesAWavAsAudioButNotAsAnImage() {
        Fetched wav = fetcher.fetch(server.url("/speech.wav"), "alice", FetchKind.AUDIO);
        assertArrayEquals(WAV, wav.bytes());
        assertEquals("audio/wav", wav.mediaType());
        assertEquals("wav", wav.extension());

        assertReason(Reason.WRONG_TYPE, "/speech.wav", FetchKind.IMAGE);
        assertReason(Reason.WRONG_TYPE, "/photo.png", FetchKind.AUDIO);
    }

    @Test
    void refusesWhatIsNotJpegOrPngWhateverItsName() {
        FetchException html = assertReason(Reason.WRONG_TYPE, "/page.png", FetchKind.IMAGE);
        assertTrue(html.getMessage().contains("is not JPEG or PNG (it is something else, such as a web page)"),
                html.getMessage());
        FetchException gif = assertReason(Reason.WRONG_TYPE, "/anim.gif", FetchKind.IMAGE);
        assertTrue(gif.getMessage().contains("(it is GIF)"), gif.getMessage());
        assertReason(Reason.WRONG_TYPE, "/empty.png", FetchKind.IMAGE);
    }

    @Test
    void refusesDecompressionBombsFromTheirHeaders() {
        FetchException png = assertReason(Reason.TOO_MANY_PIXELS, "/bomb.png", FetchKind.IMAGE);
        assertTrue(png.getMessage().contains("50000x50000 pixels"), png.getMessage());
        assertTrue(TestMedia.pngDeclaring(50_000, 50_000).length < 10_000, "the bomb itself is tiny");
        FetchException jpeg = assertReason(Reason.TOO_MANY_PIXELS, "/bomb.jpg", FetchKind.IMAGE);
        assertTrue(jpeg.getMessage().contains("60000x60000 pixels"), jpeg.getMessage());
        assertReason(Reason.TOO_MANY_PIXELS, "/tall.png", FetchKind.LOGO);
    }

    @Test
    void refusesOversizeBodiesWithAndWithoutContentLength() throws Exception {
        // Honest Content-Length over the default caps: refused before the body is read.
        FetchException image = assertReason(Reason.TOO_LARGE, "/huge.png", FetchKind.IMAGE);
        assertTrue(image.getMessage().contains("larger than 10485760 bytes"), image.getMessage());
        assertReason(Reason.TOO_LARGE, "/big-logo.png", FetchKind.LOGO);
        assertEquals("image/png", fetcher.fetch(server.url("/big-logo.png"), "alice", FetchKind.IMAGE).mediaType());

        // Chunked, so no Content-Length: counted while streaming.
        try (SafeFetcher small = new SafeFetcher(FetchSettings.defaults().withAllowHttpHosts(List.of("127.0.0.1"))
                .withMaxBytes(FetchKind.IMAGE, 100_000), null)) {
            FetchException chunked = assertThrows(FetchException.class,
                    () -> small.fetch(server.url("/chunked.png"), "alice", FetchKind.IMAGE));
            assertEquals(Reason.TOO_LARGE, chunked.reason());

            // Neither length nor chunks: the body runs until the server closes the connection.
            try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Thread answer = new Thread(() -> answerUntilClosed(raw, TestMedia.padded(PNG, 5_000_000)));
                answer.start();
                FetchException unbounded = assertThrows(FetchException.class, () -> small.fetch(
                        "http://127.0.0.1:" + raw.getLocalPort() + "/stream.png", "alice", FetchKind.IMAGE));
                assertEquals(Reason.TOO_LARGE, unbounded.reason());
                answer.join();
            }
        }
    }

    @Test
    void refusesRedirectsToInternalOrNonHttpsTargets() {
        assertReason(Reason.ADDRESS_REFUSED, "/to-private", FetchKind.IMAGE);
        assertReason(Reason.ADDRESS_REFUSED, "/to-metadata", FetchKind.IMAGE);
        assertReason(Reason.ADDRESS_REFUSED, "/to-https-loopback", FetchKind.IMAGE);
        assertReason(Reason.ADDRESS_REFUSED, "/to-decimal", FetchKind.IMAGE);
        assertReason(Reason.ADDRESS_REFUSED, "/to-mapped", FetchKind.IMAGE);
        // resolved by the validating Dns, refused before any connection
        FetchException dns = assertReason(Reason.ADDRESS_REFUSED, "/to-localhost-https", FetchKind.IMAGE);
        assertTrue(dns.getMessage().contains("redirected to a host that resolves to a loopback address"),
                dns.getMessage());
        assertReason(Reason.SCHEME_NOT_ALLOWED, "/to-other-host", FetchKind.IMAGE);
        assertReason(Reason.SCHEME_NOT_ALLOWED, "/to-file", FetchKind.IMAGE);
        assertReason(Reason.HTTP_STATUS, "/no-location", FetchKind.IMAGE);

        FetchException e = assertReason(Reason.ADDRESS_REFUSED, "/to-private", FetchKind.IMAGE);
        assertFalse(e.getMessage().contains("10.0.0.1"), "the redirect target is not the client's to see: "
                + e.getMessage());
    }

    @Test
    void followsAtMostThreeRedirects() {
        assertArrayEquals(PNG, fetcher.fetch(server.url("/hop/3"), "alice", FetchKind.IMAGE).bytes());
        FetchException e = assertReason(Reason.TOO_MANY_REDIRECTS, "/hop/4", FetchKind.IMAGE);
        assertTrue(e.getMessage().contains("more than 3 times"), e.getMessage());
    }

    @Test
    void resolvesAllowListedHostNamesThroughTheValidatingDns() {
        String viaName = "http://localhost:" + server.port() + "/counted.png";
        FetchException https = assertThrows(FetchException.class, () -> fetcher.fetch(
                "https://localhost:" + server.port() + "/counted.png", "alice", FetchKind.IMAGE));
        assertEquals(Reason.ADDRESS_REFUSED, https.reason());
        assertTrue(https.getMessage().contains("resolves to a loopback address"), https.getMessage());
        assertEquals(Reason.SCHEME_NOT_ALLOWED, assertThrows(FetchException.class,
                () -> fetcher.fetch(viaName, "alice", FetchKind.IMAGE)).reason());
        assertEquals(0, HITS.get(), "refused before connecting");

        try (SafeFetcher local = new SafeFetcher(
                FetchSettings.defaults().withAllowHttpHosts(List.of("localhost")), null)) {
            assertArrayEquals(PNG, local.fetch(viaName, "alice", FetchKind.IMAGE).bytes());
            assertEquals(1, HITS.get());
        }
    }

    @Test
    void reportsMissingFailingAndSilentServers() {
        assertReason(Reason.NOT_FOUND, "/missing.png", FetchKind.IMAGE);
        FetchException status = assertReason(Reason.HTTP_STATUS, "/broken.png", FetchKind.IMAGE);
        assertTrue(status.getMessage().contains("answered HTTP 500"), status.getMessage());

        try (SafeFetcher impatient = new SafeFetcher(FetchSettings.defaults()
                .withAllowHttpHosts(List.of("127.0.0.1"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(10)), null)) {
            FetchException e = assertThrows(FetchException.class,
                    () -> impatient.fetch(server.url("/slow.png"), "alice", FetchKind.IMAGE));
            assertEquals(Reason.TIMEOUT, e.reason(), e.getMessage());
        }
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = closed.getLocalPort();
            closed.close();
            FetchException e = assertThrows(FetchException.class,
                    () -> fetcher.fetch("http://127.0.0.1:" + port + "/a.png", "alice", FetchKind.IMAGE));
            assertEquals(Reason.IO, e.reason(), e.getMessage());
            assertTrue(e.getMessage().endsWith("failed: the server could not be reached."), e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sourceFetcherKeepsItsContractOnTopOfTheSafeFetcher() {
        SourceFetcher source = new SourceFetcher(fetcher);
        assertArrayEquals(PNG, source.fetch(server.url("/photo.png"), "alice", 1_000_000));
        StageFailure tooLarge = assertThrows(StageFailure.class,
                () -> source.fetch(server.url("/photo.png"), "alice", 100));
        assertEquals(ErrorKind.SourceError, tooLarge.kind());
        StageFailure refused = assertThrows(StageFailure.class,
                () -> source.fetch(server.url("/to-private"), "alice", 1_000_000));
        assertEquals(ErrorKind.SourceError, refused.kind());
        assertEquals(Reason.ADDRESS_REFUSED, ((FetchException) refused.getCause()).reason());
    }

    private static FetchException assertReason(Reason reason, String path, FetchKind kind) {
        String url = server.url(path);
        FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(url, "alice", kind));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(url), "names the URL the client sent: " + e.getMessage());
        return e;
    }

    /** One HTTP/1.1 answer with no Content-Length and no chunking, delimited by closing the connection. */
    private static void answerUntilClosed(ServerSocket raw, byte[] body) {
        try (Socket socket = raw.accept()) {
            InputStream in = socket.getInputStream();
            int matched = 0;
            while (matched < 4) { // up to the blank line ending the request headers
                int c = in.read();
                if (c < 0) {
                    return;
                }
                matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : c == '\r' ? 1 : 0;
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        } catch (IOException e) {
            // The client stops reading at its cap and hangs up.
        }
    }
}
