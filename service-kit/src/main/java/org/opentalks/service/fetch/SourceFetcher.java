package org.opentalks.service.fetch;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.event.StageFailure;
import org.opentalks.contract.store.ObjectStore;

/**
 * Downloads a talk's source: an {@code s3://} URL of the owner's own upload, or an https URL
 * (plain http only for allow-listed hosts). Every failure is a {@link StageFailure} with
 * {@link ErrorKind#SourceError} and a sentence the client can act on.
 */
@ApplicationScoped
public class SourceFetcher {
    private final ObjectStore store;
    private final FetchConfig config;
    private final HttpClient http;

    SourceFetcher(ObjectStore store, FetchConfig config) {
        this.store = store;
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public byte[] fetch(String url, String owner, long maxBytes) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new StageFailure(ErrorKind.SourceError, "The source URL is not a valid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return switch (scheme) {
            case "s3" -> fromStore(uri, owner, maxBytes);
            case "https" -> overHttp(uri, maxBytes);
            case "http" -> {
                List<String> allowed = config.allowHttpHosts().orElse(List.of());
                if (!allowed.contains(uri.getHost())) {
                    throw new StageFailure(ErrorKind.SourceError,
                            "Only https and s3 source URLs are accepted: " + url);
                }
                yield overHttp(uri, maxBytes);
            }
            default -> throw new StageFailure(ErrorKind.SourceError,
                    "Only https and s3 source URLs are accepted: " + url);
        };
    }

    private byte[] fromStore(URI uri, String owner, long maxBytes) {
        String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        // Only the owner's own uploads: anything else is indistinguishable from a missing object.
        if (!store.bucket().equals(uri.getHost()) || !key.startsWith("uploads/" + owner + "/")) {
            throw new StageFailure(ErrorKind.SourceError, "The source " + uri + " was not found.");
        }
        byte[] bytes = store.find(key).orElseThrow(() ->
                new StageFailure(ErrorKind.SourceError, "The source " + uri + " was not found."));
        if (bytes.length > maxBytes) {
            throw new StageFailure(ErrorKind.SourceError, "The source is larger than " + maxBytes + " bytes.");
        }
        return bytes;
    }

    private byte[] overHttp(URI uri, long maxBytes) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.readTimeout()).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new StageFailure(ErrorKind.SourceError,
                            "Fetching the source " + uri + " answered HTTP " + response.statusCode() + ".");
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    throw new StageFailure(ErrorKind.SourceError,
                            "The source is larger than " + maxBytes + " bytes.");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new StageFailure(ErrorKind.SourceError,
                    "The source " + uri + " could not be fetched: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailure(ErrorKind.SourceError, "Fetching the source was interrupted.", e);
        }
    }
}
