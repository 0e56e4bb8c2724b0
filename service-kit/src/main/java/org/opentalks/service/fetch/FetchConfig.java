package org.opentalks.service.fetch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code opentalks.fetch.*}: how remote sources (images, audio, logos) are downloaded; see {@link SafeFetcher}. */
@ConfigMapping(prefix = "opentalks.fetch")
public interface FetchConfig {
    /**
     * Hosts that may be fetched over plain http (local use only, e.g. {@code 127.0.0.1}); none by default.
     * Only these may be loopback or private addresses.
     */
    Optional<List<String>> allowHttpHosts();

    /** Cloud metadata host names, refused whatever they resolve to. */
    @WithDefault("metadata.google.internal,metadata")
    List<String> metadataHosts();

    @WithDefault("5s")
    Duration connectTimeout();

    /** The longest wait for the next bytes. */
    @WithDefault("20s")
    Duration readTimeout();

    /** The longest one request may take as a whole, body included. */
    @WithDefault("60s")
    Duration callTimeout();

    @WithDefault("3")
    int maxRedirects();

    /** Largest image a talk may use as its source. */
    @WithDefault("10485760")
    long maxImageBytes();

    @WithDefault("15728640")
    long maxAudioBytes();

    @WithDefault("2097152")
    long maxLogoBytes();

    /** Width × height an image's header may declare: 40 megapixels. */
    @WithDefault("40000000")
    long maxImagePixels();

    /** The longest side an image's header may declare. */
    @WithDefault("8000")
    int maxImageSide();
}
