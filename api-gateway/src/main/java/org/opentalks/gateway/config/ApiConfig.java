package org.opentalks.gateway.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.List;

/** {@code opentalks.api.*}. */
@ConfigMapping(prefix = "opentalks.api")
public interface ApiConfig {
    /** API keys as {@code owner:secret}; the owner part names whose talks a key sees. */
    List<String> keys();

    /** Validity of presigned media URLs in talk objects. */
    Duration urlValidity();

    long maxImageBytes();
}
