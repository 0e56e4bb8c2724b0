package org.opentalks.contract.document;

import java.time.Instant;
import java.util.List;

/**
 * {@code catalogue/voices.json}: the voices this installation speaks with, as {@code GET /tts/voices}
 * lists them. The tts-service, which has the engines, writes it when it starts; the gateway, which
 * has none, serves it and resolves a talk's voice names against it.
 *
 * @param publishedBy the tts-service instance that wrote it (its host name)
 */
public record VoiceCatalogueDocument(Instant publishedAt, String publishedBy, List<CatalogueVoice> voices) {
    public VoiceCatalogueDocument {
        voices = List.copyOf(voices);
    }

    /**
     * One voice in D-ID's voice shape.
     *
     * @param provider    the {@code provider.type} a talk names it with: an engine here ({@code espeak-ng},
     *                    {@code flite}, {@code piper}) or a cloud provider ({@code microsoft})
     * @param gender      {@code Female}, {@code Male} or {@code Unspecified}
     * @param language    the locale's English name ({@code English (United States)})
     * @param spokenBy    the local voice that speaks it when no key for its provider is configured
     *                    ({@code flite:slt}); for a local voice, itself
     * @param standsInFor for a local voice, the provider voice ids it speaks for ({@code en-US-JennyNeural})
     */
    public record CatalogueVoice(String provider, String id, String name, String gender, String locale,
                                 String language, List<String> styles, String description, String spokenBy,
                                 List<String> standsInFor) {
        public CatalogueVoice {
            styles = List.copyOf(styles);
            standsInFor = List.copyOf(standsInFor);
        }
    }
}
