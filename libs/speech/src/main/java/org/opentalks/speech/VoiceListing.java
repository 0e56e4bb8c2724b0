package org.opentalks.speech;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.contract.document.VoiceCatalogueDocument.CatalogueVoice;

/**
 * The voice catalogue document ({@code catalogue/voices.json}) of a set of local voices: each local
 * voice as itself, with the provider voices it stands in for, and each provider voice D-ID clients name
 * (Microsoft's, today) with the local voice that speaks it here.
 */
public final class VoiceListing {

    /**
     * @param local   the installed voices, in the order they should be listed
     * @param standIn the local voice that speaks a provider voice without that provider's key
     */
    public static VoiceCatalogueDocument document(List<SpeechVoice> local,
                                                  Function<ProviderVoices.ProviderVoice, SpeechVoice> standIn,
                                                  String publishedBy, Instant now) {
        Map<String, List<String>> standsInFor = new LinkedHashMap<>();
        List<CatalogueVoice> providers = new ArrayList<>();
        for (ProviderVoices.ProviderVoice v : ProviderVoices.microsoft()) {
            SpeechVoice speaker = standIn.apply(v);
            standsInFor.computeIfAbsent(speaker.label(), k -> new ArrayList<>()).add(v.id());
            providers.add(new CatalogueVoice(v.provider(), v.id(), v.name(), Gender.of(v.gender()).label(), v.locale(),
                    v.language(), v.styles(), "Microsoft Azure neural voice; spoken here by " + speaker.label()
                    + " unless an Azure key is configured", speaker.label(), List.of()));
        }
        List<CatalogueVoice> voices = new ArrayList<>();
        for (SpeechVoice v : local) {
            voices.add(new CatalogueVoice(v.engine(), v.id(), v.name(), v.gender().label(), v.locale(),
                    language(v.locale(), v.name()), v.styles(), v.engine() + " voice " + v.id(), v.label(),
                    standsInFor.getOrDefault(v.label(), List.of())));
        }
        voices.addAll(providers);
        return new VoiceCatalogueDocument(now, publishedBy, voices);
    }

    /**
     * The installed espeak-ng voices as catalogue voices: a voice is named by its main language
     * ({@code en-us}), a second voice of that language by its espeak-ng file ({@code gmw/en-US-nyc}).
     */
    public static List<SpeechVoice> espeakVoices(VoiceCatalog catalog) {
        List<SpeechVoice> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Voice v : catalog.voices()) {
            if (v.languages().isEmpty()) {
                continue;
            }
            String id = ids.add(v.languages().get(0)) ? v.languages().get(0) : v.identifier();
            ids.add(id);
            out.add(new SpeechVoice(Speech.ESPEAK, id, v.name().replace('_', ' '), locale(v.languages().get(0)),
                    Gender.of(v.gender()), List.of()));
        }
        return out;
    }

    /** {@code en-us} → {@code en-US}. */
    static String locale(String tag) {
        String[] parts = tag.split("-");
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.append('-').append(parts[i].length() == 2 ? parts[i].toUpperCase(Locale.ROOT) : parts[i]);
        }
        return out.toString();
    }

    /** The locale's English name ({@code English (United States)}), or the voice's own name if Java has none. */
    static String language(String locale, String fallback) {
        String name = Locale.forLanguageTag(locale).getDisplayName(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(locale) ? fallback : name;
    }

    private VoiceListing() {
    }
}
