package org.opentalks.service.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.opentalks.service.config.ProductionSecrets;

/**
 * {@code opentalks.media.*}: the signed links to talk media (result_url, audio_url, source_url) that
 * the gateway serves under {@code /media/}. Every service that renders a talk object must share them.
 */
@ConfigMapping(prefix = "opentalks.media")
public interface MediaConfig {
    /** The gateway's public base URL, as clients reach it. */
    @WithDefault("http://localhost:8080")
    String baseUrl();

    /**
     * The secret that signs links. Set the same long random value on every service that signs links
     * in production: there the default, a public development value, is refused at startup.
     */
    @WithDefault(ProductionSecrets.DEVELOPMENT_SIGNING_KEY)
    String signingKey();

    /** How long a link stays valid (a talk with {@code persist: true} gets links that do not expire). */
    @WithDefault("24h")
    Duration urlValidity();
}
