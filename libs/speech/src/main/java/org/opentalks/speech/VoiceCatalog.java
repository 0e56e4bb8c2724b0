package org.opentalks.speech;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The installed espeak-ng voices, and the choice of one for a provider's voice id such as D-ID/Azure
 * {@code en-US-JennyNeural}.
 */
public final class VoiceCatalog {

    /** What unknown or missing voice ids speak with. */
    public static final String DEFAULT_VOICE = "en-us";

    private static final Pattern SEPARATOR = Pattern.compile("[-_]");

    private final List<Voice> voices;

    public VoiceCatalog(List<Voice> voices) {
        this.voices = List.copyOf(voices);
    }

    /**
     * The voices libespeak-ng reports through espeak_ListVoices.
     *
     * @throws IllegalStateException if libespeak-ng or its data are not installed
     */
    public static VoiceCatalog installed() {
        return new VoiceCatalog(EspeakEngine.get().listVoices());
    }

    public List<Voice> voices() {
        return voices;
    }

    /**
     * The espeak-ng voice to speak a provider voice id with, as a lower-case language tag that
     * {@link EspeakSynthesizer#synthesize} accepts: the id's locale when a voice declares it ({@code en-US-JennyNeural}
     * gives {@code en-us}, {@code fr-FR-DeniseNeural} gives {@code fr-fr}), else the language's main voice
     * ({@code de-DE-KatjaNeural} gives {@code de}); {@value #DEFAULT_VOICE} for null, unparseable or uncovered ids.
     */
    public String espeakVoiceFor(String providerVoiceId) {
        if (providerVoiceId == null) {
            return DEFAULT_VOICE;
        }
        // BCP 47 order: language (2-3 letters), optional script (4 letters), optional region (2 letters or 3 digits).
        String[] parts = SEPARATOR.split(providerVoiceId.trim().toLowerCase(Locale.ROOT));
        String language = parts[0];
        if (!language.matches("[a-z]{2,3}")) {
            return DEFAULT_VOICE;
        }
        int next = 1;
        if (next < parts.length && parts[next].matches("[a-z]{4}")) {
            next++;
        }
        if (next < parts.length && parts[next].matches("[a-z]{2}|[0-9]{3}")) {
            String locale = language + "-" + parts[next];
            if (speaking(voices, locale) != null) {
                return locale;
            }
        }
        Voice main = mainVoice(language);
        return main == null ? DEFAULT_VOICE : main.languages().get(0);
    }

    /**
     * espeak-ng's own voice for a language: the file named after it ({@code gmw/en}, {@code roa/fr}), else the
     * voice listing the language earliest.
     */
    private Voice mainVoice(String language) {
        for (Voice v : voices) {
            String id = v.identifier();
            if (id.substring(id.lastIndexOf('/') + 1).equalsIgnoreCase(language) && !v.languages().isEmpty()) {
                return v;
            }
        }
        return speaking(voices, language);
    }

    /** The voice that lists {@code language} earliest among its languages (first such in the list on ties). */
    static Voice speaking(List<Voice> voices, String language) {
        Voice best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Voice v : voices) {
            int rank = v.languages().indexOf(language);
            if (rank >= 0 && rank < bestRank) {
                best = v;
                bestRank = rank;
            }
        }
        return best;
    }
}
