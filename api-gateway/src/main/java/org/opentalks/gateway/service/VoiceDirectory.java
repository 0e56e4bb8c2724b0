package org.opentalks.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opentalks.speech.Voice;
import org.opentalks.speech.VoiceCatalog;

/** The installed espeak-ng voices in D-ID's voice shape, read once. */
@ApplicationScoped
public class VoiceDirectory {
    public static final String PROVIDER = "espeak-ng";

    /** One of D-ID's voice objects. */
    public record ApiVoice(String id, String name, String gender, String access, String provider,
                           List<Language> languages, List<String> styles, String description) {
    }

    /** A language a voice speaks: display name and locale ({@code en-US}). */
    public record Language(String language, String locale) {
    }

    private volatile List<ApiVoice> voices;

    public List<ApiVoice> all() {
        if (voices == null) {
            List<ApiVoice> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Voice v : VoiceCatalog.installed().voices()) {
                if (v.languages().isEmpty()) {
                    continue;
                }
                List<Language> languages = v.languages().stream()
                        .map(l -> new Language(v.name().replace('_', ' '), locale(l))).toList();
                // A voice is named by its main language; a second voice of that language by its espeak-ng file.
                String id = ids.add(v.languages().get(0)) ? v.languages().get(0) : v.identifier();
                ids.add(id);
                out.add(new ApiVoice(id, v.name().replace('_', ' '), v.gender(), "public",
                        PROVIDER, languages, List.of(), "espeak-ng voice " + v.identifier()));
            }
            voices = List.copyOf(out);
        }
        return voices;
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
}
