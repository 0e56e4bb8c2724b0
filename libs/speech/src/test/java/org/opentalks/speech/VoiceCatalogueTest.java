package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The installed voices and the stand-in table, on the engines of this machine. */
class VoiceCatalogueTest {
    static final List<SpeechEngine> ENGINES = List.of(FestivalEngineTest.ENGINE, FliteSltTest.ENGINE,
            EspeakSpeechEngineTest.ENGINE);
    static VoiceCatalogue catalogue;

    @BeforeAll
    static void load() {
        catalogue = VoiceCatalogue.of(ENGINES);
    }

    @Test
    void listsEveryInstalledLocalVoice() {
        List<String> english = catalogue.voices().stream().filter(v -> !v.engine().equals(Speech.ESPEAK))
                .map(SpeechVoice::label).toList();
        assertEquals(VoiceCatalogue.ENGLISH_RANK, english, "festival's slt-hts and flite's four voices are the "
                + "offline English voices; if some are missing, run ./opentalks setup");
        assertTrue(catalogue.voices().size() > 200, "espeak-ng's languages with a female variant each: "
                + catalogue.voices().size());
        assertEquals("festival:slt-hts", catalogue.defaultVoice().label());
        SpeechVoice awb = catalogue.local("flite", "awb").orElseThrow();
        assertEquals("en-GB", awb.locale());
        assertTrue(awb.name().contains("Scottish"), awb.name());
        assertTrue(catalogue.voices().stream()
                .anyMatch(v -> v.gender() == Gender.FEMALE && v.locale().startsWith("en-US")));
        assertTrue(catalogue.voices().stream().anyMatch(v -> v.gender() == Gender.MALE && v.locale().startsWith("en-US")
                && !v.engine().equals(Speech.ESPEAK)));
    }

    @Test
    void jennyIsAFemaleEnglishVoiceAndGuyAMaleOne() {
        SpeechVoice jenny = catalogue.standIn("microsoft", "en-US-JennyNeural").voice();
        SpeechVoice guy = catalogue.standIn("microsoft", "en-US-GuyNeural").voice();
        assertEquals(Gender.FEMALE, jenny.gender());
        assertEquals(Gender.MALE, guy.gender());
        assertTrue(jenny.locale().startsWith("en") && guy.locale().startsWith("en"), jenny + " " + guy);
        assertTrue(catalogue.standIn("microsoft", "Jenny").reason().contains("same gender, same locale"),
                catalogue.standIn("microsoft", "Jenny").reason());
    }

    @ParameterizedTest(name = "{0}:{1} → {2}")
    @CsvSource({
        "microsoft, en-US-JennyNeural, festival:slt-hts",
        "microsoft, jenny, festival:slt-hts",
        "microsoft, en-US-GuyNeural, flite:rms",
        "microsoft, en-US-DavisNeural, flite:rms",
        "microsoft, en-GB-RyanNeural, flite:awb",
        "microsoft, en-GB-SoniaNeural, festival:slt-hts",
        "microsoft, en-AU-WilliamNeural, flite:awb",
        "microsoft, en-IN-NeerjaNeural, festival:slt-hts",
        "microsoft, fr-FR-DeniseNeural, espeak-ng:fr-fr+f3",
        "microsoft, fr-CA-JeanNeural, espeak-ng:fr-fr",
        "microsoft, de-DE-KatjaNeural, espeak-ng:de+f3",
        "microsoft, de-DE-ConradNeural, espeak-ng:de",
        "microsoft, es-MX-JorgeNeural, espeak-ng:es-419",
        "microsoft, pt-BR-FranciscaNeural, espeak-ng:pt-br+f3",
        "microsoft, ja-JP-KeitaNeural, espeak-ng:ja",
        "microsoft, zh-CN-XiaoxiaoNeural, espeak-ng:cmn+f3",
        "microsoft, zh-CN-YunxiNeural, espeak-ng:cmn",
        "google, zh-HK-Standard-A, espeak-ng:yue",
        "microsoft, en-US-AvaMultilingualNeural, festival:slt-hts",
        "azure-openai, en-US-GuyNeural, flite:rms",
        "amazon, Joanna, festival:slt-hts",
        "amazon, Matthew, flite:rms",
        "amazon, Joey, flite:rms",
        "amazon, Brian, flite:awb",
        "amazon, Amy, festival:slt-hts",
        "amazon, Olivia, festival:slt-hts",
        "amazon, Léa, espeak-ng:fr-fr+f3",
        "amazon, lea, espeak-ng:fr-fr+f3",
        "amazon, Gabrielle, espeak-ng:fr-fr+f3",
        "amazon, Lucia, espeak-ng:es+f3",
        "amazon, Lupe, espeak-ng:es-419+f3",
        "amazon, Bianca, espeak-ng:it+f3",
        "amazon, Camila, espeak-ng:pt-br+f3",
        "amazon, Takumi, espeak-ng:ja",
        "amazon, Seoyeon, espeak-ng:ko+f3",
        "amazon, Vicki, espeak-ng:de+f3",
        "elevenlabs, 21m00Tcm4TlvDq8ikWAM, festival:slt-hts",
        "google, en-GB-Wavenet-B, flite:awb",
        "google, de-DE-Wavenet-F, espeak-ng:de",
        "microsoft, zz-ZZ-NobodyNeural, festival:slt-hts",
        "espeak-ng, en-us, espeak-ng:en-us",
        "flite, kal, flite:kal",
    })
    void standsInByLocaleAndGender(String provider, String voiceId, String expected) {
        VoiceCatalogue.StandIn standIn = catalogue.standIn(provider, voiceId);
        assertEquals(expected, standIn.voice().label(), standIn.reason());
        assertTrue(standIn.reason().contains(expected), standIn.reason());
        assertEquals(standIn, catalogue.standIn(provider, voiceId), "the same answer every time");
    }

    @Test
    void aLanguageNoVoiceSpeaksSaysSo() {
        String reason = catalogue.standIn("microsoft", "zz-ZZ-NobodyNeural").reason();
        assertTrue(reason.contains("no local voice speaks"), reason);
    }

    @Test
    void everyVoiceListsWhatItStandsFor() {
        Map<String, List<String>> standsFor = catalogue.entries().stream()
                .collect(Collectors.toMap(e -> e.voice().label(), VoiceCatalogue.Entry::standsFor));
        assertEquals(catalogue.voices().size(), standsFor.size());
        assertTrue(standsFor.get("festival:slt-hts").containsAll(List.of("microsoft:en-US-JennyNeural",
                "amazon:Joanna", "elevenlabs:21m00Tcm4TlvDq8ikWAM")), standsFor.get("festival:slt-hts").toString());
        assertTrue(standsFor.get("flite:rms").containsAll(List.of("microsoft:en-US-GuyNeural", "amazon:Matthew")));
        assertTrue(standsFor.get("flite:awb").contains("amazon:Brian"));
        int total = standsFor.values().stream().mapToInt(List::size).sum();
        assertEquals(ProviderVoices.microsoft().size() + ProviderVoices.amazon().size()
                + ProviderVoices.elevenLabs().size(), total, "every provider voice stands in exactly once");
    }

    @Test
    void everyCatalogueVoiceRendersASentence() {
        List<String> silent = new ArrayList<>();
        for (SpeechVoice voice : catalogue.voices()) {
            SpeechEngine engine = ENGINES.stream().filter(e -> e.id().equals(voice.engine())).findFirst().orElseThrow();
            Speech speech = engine.speak("One two three, hello.", voice, Prosody.NEUTRAL);
            LocalEngineContract.assertTiled(speech);
            double sum = 0;
            for (short s : speech.samples()) {
                sum += (double) s * s;
            }
            double rmsDbfs = 20 * Math.log10(Math.sqrt(sum / Math.max(1, speech.samples().length)) / 32768);
            if (speech.durationSeconds() < 0.5 || rmsDbfs < -40) {
                silent.add(voice.label() + " (" + speech.durationSeconds() + " s, " + rmsDbfs + " dBFS)");
            }
        }
        assertEquals(List.of(), silent, "voices that did not speak");
    }
}
