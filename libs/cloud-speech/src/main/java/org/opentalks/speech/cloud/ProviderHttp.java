package org.opentalks.speech.cloud;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opentalks.speech.SpeechException;

/**
 * Sends provider requests and turns transport failures (timeouts, refused connections) into
 * {@link SpeechException.Cause#PROVIDER} errors. Logs one line per request: method, path, status and
 * time, never a header or a body, which is where keys travel.
 */
final class ProviderHttp {
    static final Logger LOG = Logger.getLogger("org.opentalks.speech.cloud");
    static final String USER_AGENT = "OpenTalks/0.1 (cloud-speech)";

    /** A provider's answer. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client;

    ProviderHttp(HttpClient client) {
        this.client = client;
    }

    static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    Answer send(String provider, HttpRequest request) {
        try {
            return sendAsync(provider, request).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof SpeechException s ? s : new SpeechException(SpeechException.Cause.PROVIDER,
                    provider + " could not be asked: " + e.getCause().getClass().getSimpleName() + ".");
        }
    }

    /** The answer, or a future failed with a {@link SpeechException}. */
    CompletableFuture<Answer> sendAsync(String provider, HttpRequest request) {
        long started = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        LOG.log(Level.FINE, () -> provider + " " + request.method() + " " + request.uri().getPath()
                                + " failed after " + ms + " ms: " + cause.getClass().getSimpleName());
                        throw new CompletionException(transportFailure(provider, request, cause));
                    }
                    LOG.log(Level.FINE, () -> provider + " " + request.method() + " " + request.uri().getPath()
                            + " -> " + response.statusCode() + " in " + ms + " ms, " + response.body().length
                            + " bytes");
                    return new Answer(response.statusCode(), response.headers(), response.body());
                });
    }

    private static SpeechException transportFailure(String provider, HttpRequest request, Throwable cause) {
        String host = request.uri().getHost();
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            return new SpeechException(SpeechException.Cause.PROVIDER, provider + " could not be reached at " + host
                    + "; try again later.");
        }
        if (cause instanceof HttpTimeoutException) {
            String limit = request.timeout().map(ProviderHttp::seconds).orElse("the time allowed");
            return new SpeechException(SpeechException.Cause.PROVIDER, provider + " did not answer within " + limit
                    + "; try again later or with a shorter script.");
        }
        if (cause instanceof IOException) {
            return new SpeechException(SpeechException.Cause.PROVIDER, provider + " broke off the connection ("
                    + cause.getClass().getSimpleName() + "); try again later.");
        }
        return new SpeechException(SpeechException.Cause.PROVIDER, provider + " could not be asked ("
                + cause.getClass().getSimpleName() + ").");
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}
