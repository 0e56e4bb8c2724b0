package org.opentalks.tts.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.VoiceCatalog;
import org.opentalks.speech.VoiceListing;

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

    CataloguePublisher(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void publish(@Observes StartupEvent event) {
        VoiceCatalogueDocument document = catalogue();
        store.putJson(ObjectKeys.VOICE_CATALOGUE, document);
        LOG.infof("published %d voices to %s", document.voices().size(), ObjectKeys.VOICE_CATALOGUE);
    }

    VoiceCatalogueDocument catalogue() {
        VoiceCatalog catalog = VoiceCatalog.installed();
        List<SpeechVoice> espeak = VoiceListing.espeakVoices(catalog);
        return VoiceListing.document(espeak, provider -> espeak.stream()
                .filter(v -> v.id().equals(catalog.espeakVoiceFor(provider.id()))).findFirst()
                .orElse(espeak.get(0)), host(), clock.instant());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "tts-service";
        }
    }
}
