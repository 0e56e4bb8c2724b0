package org.opentalks.speech;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opentalks.speech.ProviderVoices.ProviderVoice;

/**
 * Every installed local voice (engine, locale, gender), and the local voice that stands in for a cloud provider's
 * voice id (D-ID's default Microsoft voices, Amazon Polly, ElevenLabs, Google) when the talk has no provider key.
 *
 * <p>The stand-in rule, deterministic and stated in every answer's {@link StandIn#reason()}: the provider voice's
 * locale and gender are read from its provider's table (or, for ids not in a table, the locale from the id and no
 * gender); the candidates are the local voices of that language, English ones from the better offline engines
 * (festival, flite) rather than espeak-ng, every other language from espeak-ng; among them a voice of the same
 * gender comes first, then one of the same region, then one of the nearest region where a variety has no voice of
 * its own ({@link #NEAREST_REGION}: Canadian French to France's, American Spanish to Latin America's, Commonwealth
 * English to British), then the language's own voice (no region, or the region named like the language: fr-FR,
 * de), then the better-ranked. A language no local voice speaks gets the default English voice of the gender.
 *
 * <p>English voices rank by intelligibility measured for this project (pocketsphinx 5prealpha word error rate on
 * 20 Harvard sentences, 159 words): festival slt-hts 25.8 %, flite rms 29.6 %, kal 32.1 %, awb 38.4 %, slt 42.8 %
 * (espeak-ng en-us 89.9 %). awb ranks before kal because it is the only British voice; gender and region are
 * compared before rank, so the order only decides between equals.
 */
public final class VoiceCatalogue {
    /** English voices of the offline engines, best first. */
    static final List<String> ENGLISH_RANK = List.of("festival:slt-hts", "flite:rms", "flite:awb", "flite:kal",
            "flite:slt");
    private static final Pattern SEPARATOR = Pattern.compile("[-_]");
    /**
     * Providers name Chinese by its macrolanguage ({@code zh-CN}, {@code zh-HK}), espeak-ng by the language spoken
     * (ISO 639-3 {@code cmn} Mandarin, {@code yue} Cantonese): the language a provider locale means.
     */
    static final Map<String, String> SPOKEN_LANGUAGE = Map.of("zh", "cmn", "zh-HK", "yue", "zh-MO", "yue");
    /** The variety whose voice speaks for a locale that has none of its own. */
    static final Map<String, String> NEAREST_REGION = Map.ofEntries(Map.entry("fr-CA", "fr-FR"),
            Map.entry("es-US", "es-419"), Map.entry("es-MX", "es-419"), Map.entry("es-AR", "es-419"),
            Map.entry("es-CO", "es-419"), Map.entry("es-CL", "es-419"), Map.entry("en-AU", "en-GB"),
            Map.entry("en-NZ", "en-GB"), Map.entry("en-ZA", "en-GB"), Map.entry("en-IE", "en-GB"),
            Map.entry("en-IN", "en-GB"), Map.entry("en-CA", "en-US"));

    /** A local voice and the provider voices it stands in for, as {@code provider:id}. */
    public record Entry(SpeechVoice voice, List<String> standsFor) {
        public Entry {
            standsFor = List.copyOf(standsFor);
        }
    }

    /** The local voice that speaks for a requested voice, and why it was chosen, in a sentence. */
    public record StandIn(SpeechVoice voice, String reason) {
    }

    private final List<SpeechVoice> voices;

    /** @param voices the installed local voices (any order: the catalogue ranks them) */
    public VoiceCatalogue(List<SpeechVoice> voices) {
        List<SpeechVoice> sorted = new ArrayList<>(voices);
        sorted.sort(Comparator.comparingInt(VoiceCatalogue::rank));
        this.voices = List.copyOf(sorted);
    }

    /** The voices the engines list now (an engine that is not installed lists none). */
    public static VoiceCatalogue of(List<? extends SpeechEngine> engines) {
        List<SpeechVoice> all = new ArrayList<>();
        engines.forEach(e -> all.addAll(e.voices()));
        return new VoiceCatalogue(all);
    }

    /** Ranked English voices first, in {@link #ENGLISH_RANK}'s order; every other voice after, as its engine lists. */
    private static int rank(SpeechVoice v) {
        int at = ENGLISH_RANK.indexOf(v.label());
        return at >= 0 ? at : ENGLISH_RANK.size();
    }

    public List<SpeechVoice> voices() {
        return voices;
    }

    /** The local voice {@code engine:id}. */
    public Optional<SpeechVoice> local(String engine, String id) {
        return voices.stream().filter(v -> v.engine().equals(engine) && v.id().equalsIgnoreCase(id)).findFirst();
    }

    /** The best English voice installed: what a talk without a voice speaks with. */
    public SpeechVoice defaultVoice() {
        return closest("en-US", Gender.UNSPECIFIED, "the default voice").voice();
    }

    /**
     * The local voice to speak {@code provider}'s {@code voiceId} with: the voice itself when the provider is a
     * local engine that has it, else the closest local voice by locale and gender (see the class comment).
     *
     * @throws IllegalStateException when no local voice is installed at all (run ./opentalks setup)
     */
    public StandIn standIn(String provider, String voiceId) {
        String p = provider == null ? ProviderVoices.MICROSOFT : provider.trim().toLowerCase(Locale.ROOT);
        if (voiceId != null) {
            Optional<SpeechVoice> own = local(p, voiceId.trim());
            if (own.isPresent()) {
                return new StandIn(own.get(), own.get().label() + " is a local voice");
            }
        }
        String asked = p + ":" + voiceId;
        Optional<ProviderVoice> known = ProviderVoices.find(p, voiceId);
        if (known.isPresent()) {
            ProviderVoice v = known.get();
            return closest(v.locale(), Gender.of(v.gender()), asked + " (" + v.name() + ", "
                    + v.gender().toLowerCase(Locale.ROOT) + ", " + v.locale() + ")");
        }
        String locale = localeOf(voiceId);
        if (locale != null) {
            return closest(locale, Gender.UNSPECIFIED, asked + " (" + locale + ", gender not known here)");
        }
        return closest("en-US", Gender.UNSPECIFIED, asked + " (not a voice known here)");
    }

    /**
     * The closest local voice to a locale and gender ({@link Gender#UNSPECIFIED}: any), with the reason.
     *
     * @param asked what was asked for, as the reason will name it
     */
    public StandIn closest(String locale, Gender gender, String asked) {
        if (voices.isEmpty()) {
            throw new IllegalStateException("no local voice is installed: run ./opentalks setup");
        }
        Locale wanted = Locale.forLanguageTag(locale);
        String language = SPOKEN_LANGUAGE.getOrDefault(wanted.getLanguage() + "-" + wanted.getCountry(),
                SPOKEN_LANGUAGE.getOrDefault(wanted.getLanguage(), wanted.getLanguage()));
        List<SpeechVoice> candidates = speaking(language);
        String fallback = "";
        if (candidates.isEmpty()) {
            candidates = speaking("en");
            fallback = "no local voice speaks " + wanted.getDisplayLanguage(Locale.ENGLISH) + ", so English: ";
            wanted = Locale.US;
        }
        Locale target = wanted;
        String near = NEAREST_REGION.get(wanted.getLanguage() + "-" + wanted.getCountry());
        Locale nearest = near == null ? null : Locale.forLanguageTag(near);
        SpeechVoice best = candidates.stream().min(Comparator
                .comparingInt((SpeechVoice v) -> gender == Gender.UNSPECIFIED || v.gender() == gender ? 0 : 1)
                .thenComparingInt(v -> sameRegion(v, target) ? 0 : 1)
                .thenComparingInt(v -> nearest != null && sameRegion(v, nearest) ? 0 : 1)
                .thenComparingInt(v -> ownVoice(v) ? 0 : 1)
                .thenComparingInt(voices::indexOf)).orElseThrow();
        List<String> why = new ArrayList<>();
        if (gender != Gender.UNSPECIFIED) {
            why.add(best.gender() == gender ? "same gender" : "no " + gender.label().toLowerCase(Locale.ROOT)
                    + " voice of the language");
        }
        if (sameRegion(best, target)) {
            why.add("same locale");
        } else if (nearest != null && sameRegion(best, nearest)) {
            why.add("no voice of " + target.toLanguageTag() + ", the nearest variety " + near);
        } else {
            why.add("same language, no voice of " + target.toLanguageTag());
        }
        return new StandIn(best, asked + " → " + best.label() + ": " + fallback + String.join(", ", why)
                + "; the best-ranked such voice");
    }

    /** Voices of a language: for English the offline engines' voices when any is installed, else espeak-ng's. */
    private List<SpeechVoice> speaking(String language) {
        List<SpeechVoice> all = voices.stream()
                .filter(v -> Locale.forLanguageTag(v.locale()).getLanguage().equals(language)).toList();
        if (language.equals("en")) {
            List<SpeechVoice> better = all.stream().filter(v -> !v.engine().equals(Speech.ESPEAK)).toList();
            if (!better.isEmpty()) {
                return better;
            }
        }
        return all;
    }

    /** The language's own voice: no region, or the region spelt like the language (fr-FR, de-DE). */
    private static boolean ownVoice(SpeechVoice v) {
        Locale l = Locale.forLanguageTag(v.locale());
        boolean ownRegion = l.getCountry().isEmpty() || l.getCountry().equalsIgnoreCase(l.getLanguage());
        return ownRegion && l.getVariant().isEmpty();
    }

    private static boolean sameRegion(SpeechVoice v, Locale wanted) {
        return Locale.forLanguageTag(v.locale()).getCountry().equalsIgnoreCase(wanted.getCountry());
    }

    /** The locale a voice id starts with ({@code en-US-Wavenet-D} → {@code en-US}); null when it has none. */
    static String localeOf(String voiceId) {
        if (voiceId == null) {
            return null;
        }
        String[] parts = SEPARATOR.split(voiceId.trim());
        if (parts.length < 2 || !parts[0].matches("[a-zA-Z]{2,3}")) {
            return null;
        }
        int next = 1;
        if (parts[next].matches("[a-zA-Z]{4}")) {
            next++;
        }
        String region = next < parts.length && parts[next].matches("[a-zA-Z]{2}|[0-9]{3}") ? "-" + parts[next] : "";
        return Locale.forLanguageTag(parts[0] + region).toLanguageTag();
    }

    /** Every local voice with the provider voices (Microsoft, Amazon, ElevenLabs tables) it stands in for. */
    public List<Entry> entries() {
        Map<String, List<String>> standsFor = new LinkedHashMap<>();
        voices.forEach(v -> standsFor.put(v.label(), new ArrayList<>()));
        List<ProviderVoice> known = new ArrayList<>(ProviderVoices.microsoft());
        known.addAll(ProviderVoices.amazon());
        known.addAll(ProviderVoices.elevenLabs());
        for (ProviderVoice v : known) {
            standsFor.get(standIn(v.provider(), v.id()).voice().label()).add(v.provider() + ":" + v.id());
        }
        return voices.stream().map(v -> new Entry(v, standsFor.get(v.label()))).toList();
    }
}
