package org.opentalks.gateway.service;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.opentalks.speech.ProviderVoices;
import org.opentalks.speech.Voice;
import org.opentalks.speech.VoiceCatalog;

/**
 * The voices {@code GET /tts/voices} lists and a talk's {@code voice_id} may name: the installed
 * espeak-ng voices (provider {@code espeak-ng}), and Microsoft's neural voices (D-ID's default
 * provider), each of which is spoken here by the local voice of its locale, named in its
 * description. Items carry D-ID's flat fields (id, name, gender, locale, language, access, provider)
 * beside {@code languages} and {@code styles}. A voice is found by its id or its name, ignoring case.
 */
public final class VoiceDirectory {
    public static final String ESPEAK = "espeak-ng";

    /** One of D-ID's voice objects, its flat fields first. */
    @JsonPropertyOrder({"id", "name", "gender", "locale", "language", "access", "provider", "languages", "styles",
            "description"})
    public record ApiVoice(String id, String name, String gender, String locale, String language, String access,
                           String provider, List<Language> languages, List<String> styles, String description) {
    }

    /** A language a voice speaks: display name and locale ({@code en-US}). */
    public record Language(String language, String locale) {
    }

    private final List<ApiVoice> voices;

    public VoiceDirectory(VoiceCatalog catalog) {
        List<ApiVoice> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Voice v : catalog.voices()) {
            if (v.languages().isEmpty()) {
                continue;
            }
            String name = v.name().replace('_', ' ');
            List<Language> languages = v.languages().stream().map(l -> new Language(name, locale(l))).toList();
            // A voice is named by its main language; a second voice of that language by its espeak-ng file.
            String id = ids.add(v.languages().get(0)) ? v.languages().get(0) : v.identifier();
            ids.add(id);
            String locale = locale(v.languages().get(0));
            out.add(new ApiVoice(id, name, gender(v.gender()), locale, languageName(locale, name), "public", ESPEAK,
                    languages, List.of(), "espeak-ng voice " + v.identifier()));
        }
        for (ProviderVoices.ProviderVoice v : ProviderVoices.microsoft()) {
            String standIn = catalog.espeakVoiceFor(v.id());
            out.add(new ApiVoice(v.id(), v.name(), v.gender(), v.locale(), v.language(), "public", v.provider(),
                    List.of(new Language(v.language(), v.locale())), v.styles(),
                    "Microsoft Azure neural voice; spoken here by espeak-ng:" + standIn
                            + " (the local voice of its locale)"));
        }
        this.voices = List.copyOf(out);
    }

    public List<ApiVoice> all() {
        return voices;
    }

    /**
     * The id of the voice a talk names: for {@code espeak-ng} an installed voice by id or name (empty
     * when there is none); for {@code microsoft} and {@code azure-openai} a listed voice by id or name,
     * else the id as sent (its locale picks the local voice); any other provider's id as sent.
     */
    public Optional<String> resolve(String providerType, String voiceId) {
        if (ESPEAK.equals(providerType)) {
            return find(ESPEAK, voiceId).map(ApiVoice::id);
        }
        if (ProviderVoices.MICROSOFT.equals(providerType) || "azure-openai".equals(providerType)) {
            return find(ProviderVoices.MICROSOFT, voiceId).map(ApiVoice::id).or(() -> Optional.ofNullable(voiceId));
        }
        return Optional.ofNullable(voiceId);
    }

    private Optional<ApiVoice> find(String provider, String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        String wanted = idOrName.trim();
        return voices.stream().filter(v -> v.provider().equals(provider))
                .filter(v -> v.id().equalsIgnoreCase(wanted)).findFirst()
                .or(() -> voices.stream().filter(v -> v.provider().equals(provider))
                        .filter(v -> v.name().equalsIgnoreCase(wanted)).findFirst());
    }

    /** {@code en-us} → {@code en-US}. */
    private static String locale(String tag) {
        String[] parts = tag.split("-");
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.append('-').append(parts[i].length() == 2 ? parts[i].toUpperCase(Locale.ROOT) : parts[i]);
        }
        return out.toString();
    }

    /** D-ID's (Azure's) spelling: {@code Female}, {@code Male}. */
    private static String gender(String espeakGender) {
        return switch (espeakGender == null ? "" : espeakGender.toLowerCase(Locale.ROOT)) {
            case "female" -> "Female";
            case "male" -> "Male";
            default -> "Unspecified";
        };
    }

    /** The locale's English name ({@code English (United States)}), or the voice's own name if Java has none. */
    private static String languageName(String locale, String fallback) {
        String name = Locale.forLanguageTag(locale).getDisplayName(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(locale) ? fallback : name;
    }
}
