package org.opentalks.gateway.rest;

import java.time.Instant;
import java.util.List;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.speech.EspeakSpeechEngine;
import org.opentalks.speech.FestivalEngine;
import org.opentalks.speech.FliteEngine;
import org.opentalks.speech.VoiceCatalogue;
import org.opentalks.speech.VoiceListing;
import org.opentalks.store.ObjectStore;

/**
 * The voice catalogue a tts-service on this machine would publish (the installed engines' voices and the
 * provider voices they speak for), written to the store as the tts-service writes it, so the gateway
 * under test lists and resolves real voices without a tts-service running.
 */
final class TestCatalogue {
    private static volatile boolean published;

    static synchronized void publish(ObjectStore store) {
        if (published) {
            return;
        }
        store.putJson(ObjectKeys.VOICE_CATALOGUE, document());
        published = true;
    }

    static VoiceCatalogueDocument document() {
        return VoiceListing.document(VoiceCatalogue.of(List.of(new EspeakSpeechEngine(), new FliteEngine(),
                new FestivalEngine())), "gateway-tests", Instant.now());
    }

    private TestCatalogue() {
    }
}
