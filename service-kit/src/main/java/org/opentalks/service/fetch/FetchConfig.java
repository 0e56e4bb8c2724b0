package org.opentalks.service.fetch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code opentalks.fetch.*}: how remote sources are downloaded. */
@ConfigMapping(prefix = "opentalks.fetch")
public interface FetchConfig {
    /** Hosts that may be fetched over plain http (local use only, e.g. {@code 127.0.0.1}); none by default. */
    Optional<List<String>> allowHttpHosts();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("20s")
    Duration readTimeout();

    /** Largest image a talk may use as its source. */
    @WithDefault("10485760")
    long maxImageBytes();
}
