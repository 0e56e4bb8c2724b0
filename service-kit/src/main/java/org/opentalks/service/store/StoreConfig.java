package org.opentalks.service.store;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code opentalks.store.*}: where the S3-compatible store is. */
@ConfigMapping(prefix = "opentalks.store")
public interface StoreConfig {
    /** URL the services use, e.g. {@code http://minio:9000}. */
    String endpoint();

    /** URL clients download presigned results from; defaults to {@link #endpoint()}. */
    Optional<String> publicEndpoint();

    String accessKey();

    String secretKey();

    String bucket();

    String region();
}
