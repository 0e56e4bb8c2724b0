package org.opentalks.speech;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.contract.document.VoiceCatalogueDocument.CatalogueVoice;

/**
 * The voice catalogue document ({@code catalogue/voices.json}) of a {@link VoiceCatalogue}: each local
 * voice as itself, with the provider voices it stands in for, and each provider voice D-ID clients name
 * (Microsoft's, Amazon Polly's, ElevenLabs' default) with the local voice that speaks it here.
 */
public final class VoiceListing {
    private static final List<String> PROVIDER_NAMES = List.of("Microsoft Azure", "Amazon Polly", "ElevenLabs");

    public static VoiceCatalogueDocument document(VoiceCatalogue catalogue, String publishedBy, Instant now) {
        List<CatalogueVoice> voices = new ArrayList<>();
        for (VoiceCatalogue.Entry entry : catalogue.entries()) {
            SpeechVoice v = entry.voice();
            voices.add(new CatalogueVoice(v.engine(), v.id(), v.name(), v.gender().label(), v.locale(),
                    language(v.locale(), v.name()), v.styles(), v.engine() + " voice " + v.id(), v.label(),
                    entry.standsFor().stream().map(p -> p.substring(p.indexOf(':') + 1)).toList()));
        }
        List<List<ProviderVoices.ProviderVoice>> tables = List.of(ProviderVoices.microsoft(), ProviderVoices.amazon(),
                ProviderVoices.elevenLabs());
        for (int t = 0; t < tables.size(); t++) {
            for (ProviderVoices.ProviderVoice v : tables.get(t)) {
                SpeechVoice speaker = catalogue.standIn(v.provider(), v.id()).voice();
                voices.add(new CatalogueVoice(v.provider(), v.id(), v.name(), Gender.of(v.gender()).label(),
                        v.locale(), v.language(), v.styles(), PROVIDER_NAMES.get(t) + " voice; spoken here by "
                        + speaker.label() + " unless a " + PROVIDER_NAMES.get(t) + " key is configured",
                        speaker.label(), List.of()));
            }
        }
        return new VoiceCatalogueDocument(now, publishedBy, voices);
    }

    /** The locale's English name ({@code English (United States)}), or the voice's own name if Java has none. */
    static String language(String locale, String fallback) {
        String name = Locale.forLanguageTag(locale).getDisplayName(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(locale) ? fallback : name;
    }

    private VoiceListing() {
    }
}
