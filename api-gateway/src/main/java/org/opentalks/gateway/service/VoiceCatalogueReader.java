package org.opentalks.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.contract.json.Json;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.store.ObjectStore;
import org.opentalks.store.StoreException;

/**
 * The voice catalogue the tts-service publishes, read from the store and kept for
 * {@code voice-catalogue-refresh}; while none is published it is looked for on every use, so a gateway
 * started before the tts-service picks the catalogue up as soon as it appears.
 */
@ApplicationScoped
public class VoiceCatalogueReader {
    private static final Logger LOG = Logger.getLogger(VoiceCatalogueReader.class);

    private record Read(Optional<VoiceCatalogueDocument> document, Instant at) {
    }

    private final ObjectStore store;
    private final Clock clock;
    private final Duration refresh;
    private volatile Read last;

    VoiceCatalogueReader(ObjectStore store, Clock clock, ApiConfig config) {
        this.store = store;
        this.clock = clock;
        this.refresh = config.voiceCatalogueRefresh();
    }

    public Optional<VoiceCatalogueDocument> current() {
        Read read = last;
        Instant now = clock.instant();
        if (read == null || read.document().isEmpty() || now.isAfter(read.at().plus(refresh))) {
            try {
                read = new Read(store.find(ObjectKeys.VOICE_CATALOGUE)
                        .map(b -> Json.read(b, VoiceCatalogueDocument.class)), now);
            } catch (StoreException e) {
                LOG.warnf("the voice catalogue could not be read (%s); keeping the last one", e.getMessage());
                read = new Read(read == null ? Optional.empty() : read.document(), now);
            }
            last = read;
        }
        return read.document();
    }
}
