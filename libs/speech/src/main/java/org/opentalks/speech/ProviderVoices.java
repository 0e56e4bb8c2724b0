package org.opentalks.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The cloud voices D-ID clients name, with the facts a client reads from D-ID's voice list: Microsoft
 * Azure's neural voices (D-ID's default provider), by id ({@code en-US-JennyNeural}), display name
 * ({@code Jenny}), gender, locale and speaking styles. Without a provider key they are spoken here
 * by a local stand-in voice for their locale; the list lets a client find a voice by the name it
 * shows its users, as it would on D-ID.
 */
public final class ProviderVoices {
    public static final String MICROSOFT = "microsoft";

    /** One provider voice. */
    public record ProviderVoice(String provider, String id, String name, String gender, String locale,
                                List<String> styles) {
        public ProviderVoice {
            styles = List.copyOf(styles);
        }

        /** The locale's English name, as D-ID lists it: {@code English (United States)}. */
        public String language() {
            return Locale.forLanguageTag(locale).getDisplayName(Locale.ENGLISH);
        }
    }

    private static final String JENNY_STYLES = "assistant chat customerservice newscast angry cheerful sad excited "
            + "friendly terrified shouting unfriendly whispering hopeful";
    private static final String GUY_STYLES = "newscast angry cheerful sad excited friendly terrified shouting "
            + "unfriendly whispering hopeful";
    private static final String DAVIS_STYLES = "chat angry cheerful excited friendly hopeful sad shouting terrified "
            + "unfriendly whispering";

    /**
     * Azure's neural voices by locale: {@code locale gender Name[=IdStem] [styles…]}; the id is
     * {@code locale-IdStemNeural}, the stem being the name unless given.
     */
    private static final String MICROSOFT_TABLE = """
            en-US Female Jenny %s
            en-US Male Guy %s
            en-US Female Aria chat customerservice narration-professional newscast-casual newscast-formal cheerful \
            empathetic angry sad excited friendly terrified shouting unfriendly whispering hopeful
            en-US Male Davis %s
            en-US Female Jane %s
            en-US Male Jason %s
            en-US Female Sara %s
            en-US Male Tony %s
            en-US Female Nancy %s
            en-US Female Amber
            en-US Female Ana
            en-US Female Ashley
            en-US Male Brandon
            en-US Male Christopher
            en-US Female Cora
            en-US Female Elizabeth
            en-US Male Eric
            en-US Male Jacob
            en-US Female Michelle
            en-US Female Monica
            en-US Male Roger
            en-US Male Steffan
            en-GB Female Sonia cheerful sad
            en-GB Male Ryan chat cheerful
            en-GB Female Libby
            en-GB Female Maisie
            en-GB Male Thomas
            en-GB Female Abbi
            en-GB Male Alfie
            en-AU Female Natasha
            en-AU Male William
            en-CA Female Clara
            en-CA Male Liam
            en-IN Female Neerja
            en-IN Male Prabhat
            en-IE Female Emily
            en-IE Male Connor
            de-DE Female Katja
            de-DE Male Conrad
            de-DE Female Amala
            de-DE Male Killian
            fr-FR Female Denise
            fr-FR Male Henri
            fr-FR Female Eloise
            fr-CA Female Sylvie
            fr-CA Male Jean
            es-ES Female Elvira
            es-ES Male Alvaro
            es-MX Female Dalia
            es-MX Male Jorge
            it-IT Female Elsa
            it-IT Female Isabella
            it-IT Male Diego
            pt-BR Female Francisca
            pt-BR Male Antonio
            pt-PT Female Raquel
            pt-PT Male Duarte
            nl-NL Female Colette
            nl-NL Female Fenna
            nl-NL Male Maarten
            pl-PL Female Zofia
            pl-PL Male Marek
            sv-SE Female Sofie
            sv-SE Male Mattias
            ru-RU Female Svetlana
            ru-RU Male Dmitry
            tr-TR Female Emel
            tr-TR Male Ahmet
            ja-JP Female Nanami
            ja-JP Male Keita
            ko-KR Female Sun-Hi=SunHi
            ko-KR Male InJoon
            zh-CN Female Xiaoxiao
            zh-CN Male Yunxi
            zh-CN Male Yunyang
            hi-IN Female Swara
            hi-IN Male Madhur
            ar-SA Female Zariyah
            ar-SA Male Hamed
            he-IL Female Hila
            he-IL Male Avri
            """.formatted(JENNY_STYLES, GUY_STYLES, DAVIS_STYLES, DAVIS_STYLES, DAVIS_STYLES, DAVIS_STYLES,
            DAVIS_STYLES, DAVIS_STYLES);

    private static final List<ProviderVoice> MICROSOFT_VOICES = parse(MICROSOFT_TABLE);

    /** Microsoft Azure's neural voices, in the table's order (US English first). */
    public static List<ProviderVoice> microsoft() {
        return MICROSOFT_VOICES;
    }

    /** The Microsoft voice whose id or display name is {@code idOrName}, ignoring case. */
    public static Optional<ProviderVoice> microsoft(String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        String wanted = idOrName.trim();
        return MICROSOFT_VOICES.stream()
                .filter(v -> v.id().equalsIgnoreCase(wanted) || v.name().equalsIgnoreCase(wanted))
                .findFirst();
    }

    public static final String AMAZON = "amazon";
    public static final String ELEVENLABS = "elevenlabs";

    /**
     * Amazon Polly's voices as D-ID lists them: {@code Name[=Id] gender locale}; the id is Polly's VoiceId, the
     * name unless given (Polly spells Léa's id without the accent).
     */
    private static final String AMAZON_TABLE = """
            Amy Female en-GB
            Aria Female en-NZ
            Ayanda Female en-ZA
            Bianca Female it-IT
            Brian Male en-GB
            Camila Female pt-BR
            Emma Female en-GB
            Gabrielle Female fr-CA
            Ivy Female en-US
            Joanna Female en-US
            Joey Male en-US
            Justin Male en-US
            Kendra Female en-US
            Kevin Male en-US
            Kimberly Female en-US
            Léa=Lea Female fr-FR
            Lucia Female es-ES
            Lupe Female es-US
            Matthew Male en-US
            Olivia Female en-AU
            Salli Female en-US
            Seoyeon Female ko-KR
            Takumi Male ja-JP
            Vicki Female de-DE
            """;

    private static final List<ProviderVoice> AMAZON_VOICES = AMAZON_TABLE.strip().lines().map(line -> {
        String[] words = line.trim().split("\\s+");
        String[] name = words[0].split("=");
        return new ProviderVoice(AMAZON, name.length > 1 ? name[1] : name[0], name[0], words[1], words[2], List.of());
    }).toList();

    /** ElevenLabs' premade voice that D-ID's examples use: Rachel, its default. */
    private static final List<ProviderVoice> ELEVENLABS_VOICES = List.of(
            new ProviderVoice(ELEVENLABS, "21m00Tcm4TlvDq8ikWAM", "Rachel", "Female", "en-US", List.of()));

    /** Amazon Polly's voices that D-ID offers. */
    public static List<ProviderVoice> amazon() {
        return AMAZON_VOICES;
    }

    /** ElevenLabs' voices this service knows by id. */
    public static List<ProviderVoice> elevenLabs() {
        return ELEVENLABS_VOICES;
    }

    /** The voice of {@code provider}'s table whose id or name is {@code idOrName}, ignoring case and accents. */
    public static Optional<ProviderVoice> find(String provider, String idOrName) {
        if (provider == null || idOrName == null) {
            return Optional.empty();
        }
        List<ProviderVoice> table = switch (provider.trim().toLowerCase(Locale.ROOT)) {
            case MICROSOFT, "azure-openai" -> MICROSOFT_VOICES;
            case AMAZON -> AMAZON_VOICES;
            case ELEVENLABS -> ELEVENLABS_VOICES;
            default -> List.of();
        };
        String wanted = plain(idOrName);
        return table.stream().filter(v -> plain(v.id()).equals(wanted) || plain(v.name()).equals(wanted)).findFirst();
    }

    /** Lower case without accents, so {@code Léa}, {@code lea} and {@code LEA} are one name. */
    private static String plain(String s) {
        return java.text.Normalizer.normalize(s.trim(), java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }

    private static List<ProviderVoice> parse(String table) {
        List<ProviderVoice> voices = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String[] words = line.trim().split("\\s+");
            String[] name = words[2].split("=");
            String stem = name.length > 1 ? name[1] : name[0];
            List<String> styles = List.of(words).subList(3, words.length);
            voices.add(new ProviderVoice(MICROSOFT, words[0] + "-" + stem + "Neural", name[0], words[1], words[0],
                    styles));
        }
        return List.copyOf(voices);
    }

    private ProviderVoices() {
    }
}
