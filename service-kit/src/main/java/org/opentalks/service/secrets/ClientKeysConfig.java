package org.opentalks.service.secrets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code opentalks.client-keys.*}: how clients' own provider keys travel from the gateway to the tts-service. */
@ConfigMapping(prefix = "opentalks.client-keys")
public interface ClientKeysConfig {
    /** The development value: public, so refused in production ({@link org.opentalks.service.config.ProductionSecrets}). */
    String DEVELOPMENT_SECRET = "opentalks-development-client-key-secret";

    /** The secret the gateway seals clients' keys with and the tts-service opens them with; the same on both. */
    @WithDefault(DEVELOPMENT_SECRET)
    String secret();
}
