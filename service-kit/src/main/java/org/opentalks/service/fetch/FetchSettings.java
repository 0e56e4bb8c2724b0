package org.opentalks.service.fetch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link SafeFetcher} fetches; {@link #defaults()} mirrors {@link FetchConfig}'s defaults.
 *
 * @param allowHttpHosts hosts that may be fetched over plain http, and the only ones that may be
 *                       loopback or private (local use); none by default
 * @param metadataHosts  cloud metadata host names, refused whatever they resolve to
 * @param callTimeout    the whole of one request (connect, headers and body), against slow trickles
 * @param maxRedirects   redirects followed per fetch, each target checked again
 * @param maxImagePixels width × height declared by an image's header
 * @param maxImageSide   the longer side declared by an image's header
 */
public record FetchSettings(List<String> allowHttpHosts, List<String> metadataHosts, Duration connectTimeout,
                            Duration readTimeout, Duration callTimeout, int maxRedirects, long maxImageBytes,
                            long maxAudioBytes, long maxLogoBytes, long maxImagePixels, int maxImageSide) {
    public static final List<String> DEFAULT_METADATA_HOSTS = List.of("metadata.google.internal", "metadata");

    public FetchSettings {
        allowHttpHosts = List.copyOf(allowHttpHosts);
        metadataHosts = List.copyOf(metadataHosts);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (maxRedirects < 0 || maxImageBytes <= 0 || maxAudioBytes <= 0 || maxLogoBytes <= 0
                || maxImagePixels <= 0 || maxImageSide <= 0) {
            throw new IllegalArgumentException("fetch limits must be positive");
        }
    }

    public static FetchSettings defaults() {
        return new FetchSettings(List.of(), DEFAULT_METADATA_HOSTS, Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofSeconds(60), 3, FetchKind.IMAGE.defaultMaxBytes(), FetchKind.AUDIO.defaultMaxBytes(),
                FetchKind.LOGO.defaultMaxBytes(), 40_000_000L, 8000);
    }

    public static FetchSettings from(FetchConfig config) {
        return new FetchSettings(config.allowHttpHosts().orElse(List.of()), config.metadataHosts(),
                config.connectTimeout(), config.readTimeout(), config.callTimeout(), config.maxRedirects(),
                config.maxImageBytes(), config.maxAudioBytes(), config.maxLogoBytes(), config.maxImagePixels(),
                config.maxImageSide());
    }

    /** The byte cap for {@code kind}. */
    public long maxBytes(FetchKind kind) {
        return switch (kind) {
            case IMAGE -> maxImageBytes;
            case AUDIO -> maxAudioBytes;
            case LOGO -> maxLogoBytes;
        };
    }

    public FetchSettings withAllowHttpHosts(List<String> hosts) {
        return new FetchSettings(hosts, metadataHosts, connectTimeout, readTimeout, callTimeout, maxRedirects,
                maxImageBytes, maxAudioBytes, maxLogoBytes, maxImagePixels, maxImageSide);
    }

    public FetchSettings withMaxBytes(FetchKind kind, long maxBytes) {
        return new FetchSettings(allowHttpHosts, metadataHosts, connectTimeout, readTimeout, callTimeout,
                maxRedirects, kind == FetchKind.IMAGE ? maxBytes : maxImageBytes,
                kind == FetchKind.AUDIO ? maxBytes : maxAudioBytes, kind == FetchKind.LOGO ? maxBytes : maxLogoBytes,
                maxImagePixels, maxImageSide);
    }

    public FetchSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return new FetchSettings(allowHttpHosts, metadataHosts, connect, read, call, maxRedirects,
                maxImageBytes, maxAudioBytes, maxLogoBytes, maxImagePixels, maxImageSide);
    }
}
