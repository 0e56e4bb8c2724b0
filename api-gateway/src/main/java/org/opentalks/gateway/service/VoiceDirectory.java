package org.opentalks.gateway.service;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.opentalks.contract.document.VoiceCatalogueDocument;
import org.opentalks.contract.document.VoiceCatalogueDocument.CatalogueVoice;
import org.opentalks.speech.Gender;
import org.opentalks.speech.ProviderVoices;

/**
 * The voices {@code GET /tts/voices} lists and a talk's {@code voice_id} may name: the catalogue the
 * tts-service publishes ({@code catalogue/voices.json}: its local engines' voices, and Microsoft's neural
 * voices, D-ID's default provider, each naming the local voice that speaks it). Items carry D-ID's flat
 * fields (id, name, gender, locale, language, access, provider) beside {@code languages} and
 * {@code styles}, and beyond D-ID {@code spoken_by} (a provider voice: the local voice that speaks it without the
 * provider's key) or {@code stands_in_for} (a local voice: the provider voices it speaks for). A voice is found by its id or its name, ignoring case. Until a tts-service has
 * published a catalogue, only Microsoft's voices are known, and a local voice id is passed on as sent
 * (the tts-service, which has the engines, then decides).
 */
public final class VoiceDirectory {
    /** The engines a talk may name directly, beyond D-ID's providers. */
    public static final Set<String> LOCAL_ENGINES = Set.of("espeak-ng", "flite", "festival", "piper");

    /**
     * One of D-ID's voice objects, its flat fields first.
     *
     * @param spokenBy    a provider voice's local stand-in, {@code engine:id}; null for a local voice
     * @param standsInFor the ids of the provider voices a local voice speaks for; null for a provider voice
     */
    @JsonPropertyOrder({"id", "name", "gender", "locale", "language", "access", "provider", "languages", "styles",
            "description", "spoken_by", "stands_in_for"})
    public record ApiVoice(String id, String name, String gender, String locale, String language, String access,
                           String provider, List<Language> languages, List<String> styles, String description,
                           String spokenBy, List<String> standsInFor) {
    }

    /** A language a voice speaks: display name and locale ({@code en-US}). */
    public record Language(String language, String locale) {
    }

    private final Supplier<Optional<VoiceCatalogueDocument>> catalogue;

    /** @param catalogue the latest published catalogue, if any (read as often as it is asked for) */
    public VoiceDirectory(Supplier<Optional<VoiceCatalogueDocument>> catalogue) {
        this.catalogue = catalogue;
    }

    public List<ApiVoice> all() {
        return catalogue.get().map(d -> d.voices().stream().map(VoiceDirectory::api).toList())
                .orElseGet(VoiceDirectory::microsoftOnly);
    }

    /**
     * The id of the voice a talk names: a listed voice of that provider by id or name; for a local
     * engine, empty when the published catalogue has no such voice; for any other provider (or before a
     * catalogue is published), the id as sent, whose locale picks the local voice that speaks it.
     */
    public Optional<String> resolve(String providerType, String voiceId) {
        if (voiceId == null) {
            return Optional.empty();
        }
        String provider = "azure-openai".equals(providerType) ? ProviderVoices.MICROSOFT : providerType;
        Optional<VoiceCatalogueDocument> document = catalogue.get();
        List<ApiVoice> voices = document.map(d -> d.voices().stream().map(VoiceDirectory::api).toList())
                .orElseGet(VoiceDirectory::microsoftOnly);
        Optional<String> found = find(voices, provider, voiceId.trim());
        if (found.isPresent()) {
            return found;
        }
        return document.isPresent() && LOCAL_ENGINES.contains(provider) ? Optional.empty() : Optional.of(voiceId);
    }

    private static Optional<String> find(List<ApiVoice> voices, String provider, String wanted) {
        return voices.stream().filter(v -> v.provider().equals(provider))
                .filter(v -> v.id().equalsIgnoreCase(wanted)).findFirst()
                .or(() -> voices.stream().filter(v -> v.provider().equals(provider))
                        .filter(v -> v.name().equalsIgnoreCase(wanted)).findFirst())
                .map(ApiVoice::id);
    }

    private static ApiVoice api(CatalogueVoice v) {
        boolean local = LOCAL_ENGINES.contains(v.provider());
        return new ApiVoice(v.id(), v.name(), v.gender(), v.locale(), v.language(), "public", v.provider(),
                List.of(new Language(v.language(), v.locale())), v.styles(), v.description(),
                local ? null : v.spokenBy(), local ? v.standsInFor() : null);
    }

    /** Before any tts-service has published its catalogue. */
    private static List<ApiVoice> microsoftOnly() {
        return ProviderVoices.microsoft().stream().map(v -> new ApiVoice(v.id(), v.name(),
                Gender.of(v.gender()).label(), v.locale(), v.language(), "public", v.provider(),
                List.of(new Language(v.language(), v.locale())), v.styles(),
                "Microsoft Azure neural voice; spoken here by the closest local voice of its locale", null, null))
                .toList();
    }
}
