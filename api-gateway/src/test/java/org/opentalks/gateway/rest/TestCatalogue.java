package org.opentalks.gateway.rest;

import java.time.Instant;
import java.util.List;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.VoiceCatalog;
import org.opentalks.speech.VoiceListing;

/**
 * The voice catalogue a tts-service on this machine would publish (the installed espeak-ng voices and
 * the Microsoft voices they speak for), written to the store as the tts-service writes it, so the
 * gateway under test lists and resolves real voices without a tts-service running.
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
        VoiceCatalog catalog = VoiceCatalog.installed();
        List<SpeechVoice> espeak = VoiceListing.espeakVoices(catalog);
        return VoiceListing.document(espeak, provider -> espeak.stream()
                .filter(v -> v.id().equals(catalog.espeakVoiceFor(provider.id()))).findFirst()
                .orElse(espeak.get(0)), "gateway-tests", Instant.now());
    }

    private TestCatalogue() {
    }
}
