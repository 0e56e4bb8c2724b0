package org.opentalks.tts.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.speech.VoiceListing;
import org.opentalks.store.ObjectStore;

/**
 * Publishes the voices this service speaks with to the store ({@code catalogue/voices.json}) when it
 * starts, for the gateway, which has no speech engines: GET /tts/voices and a talk's voice names are
 * answered from it. Every replica publishes the same list; the last write wins.
 */
@ApplicationScoped
public class CataloguePublisher {
    private static final Logger LOG = Logger.getLogger(CataloguePublisher.class);

    private final ObjectStore store;
    private final Clock clock;
    private final SpeechEngines engines;

    CataloguePublisher(ObjectStore store, Clock clock, SpeechEngines engines) {
        this.store = store;
        this.clock = clock;
        this.engines = engines;
    }

    void publish(@Observes StartupEvent event) {
        VoiceCatalogueDocument document = catalogue();
        store.putJson(ObjectKeys.VOICE_CATALOGUE, document);
        LOG.infof("published %d voices to %s", document.voices().size(), ObjectKeys.VOICE_CATALOGUE);
    }

    VoiceCatalogueDocument catalogue() {
        return VoiceListing.document(engines.catalogue(), host(), clock.instant());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "tts-service";
        }
    }
}
