package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VoiceCatalogTest {

    static VoiceCatalog catalog;

    @BeforeAll
    static void load() {
        catalog = VoiceCatalog.installed();
    }

    @Test
    void listsTheInstalledVoices() {
        List<Voice> voices = catalog.voices();
        assertTrue(voices.size() > 50, "only " + voices.size() + " voices");
        Voice us = voices.stream().filter(v -> v.languages().contains("en-us")).findFirst()
                .orElseThrow(() -> new AssertionError("no en-us voice in " + voices));
        assertEquals("gmw/en-US", us.identifier());
        assertEquals("English (America)", us.name());
        assertTrue(List.of("male", "female", "unspecified").contains(us.gender()));
        assertTrue(voices.stream().noneMatch(v -> v.identifier().startsWith("mb/")), "mbrola voices listed");
    }

    @Test
    void mapsProviderVoiceIdsByLocaleThenLanguage() {
        assertEquals("en-us", catalog.espeakVoiceFor("en-US-JennyNeural"));
        assertEquals("en-gb", catalog.espeakVoiceFor("en-GB-RyanNeural"));
        assertEquals("fr-fr", catalog.espeakVoiceFor("fr-FR-DeniseNeural"));
        assertEquals("de", catalog.espeakVoiceFor("de-DE-KatjaNeural"));
        assertEquals("es", catalog.espeakVoiceFor("es-ES-ElviraNeural"));
        assertEquals("es-mx", catalog.espeakVoiceFor("es-MX-DaliaNeural"));
        assertEquals("pt-br", catalog.espeakVoiceFor("pt-BR"));
        assertEquals("pt-br", catalog.espeakVoiceFor("pt_br"));
        assertEquals("en-gb", catalog.espeakVoiceFor("en-AU-NatashaNeural"));
        assertEquals("cmn", catalog.espeakVoiceFor("zh-CN-XiaoxiaoNeural"));
    }

    @Test
    void unknownIdsSpeakAmericanEnglish() {
        for (String id : new String[] {null, "", "  ", "nonsense", "xx-YY-FooNeural", "21m00Tcm4TlvDq8ikWAM",
                "Joanna"}) {
            assertEquals("en-us", catalog.espeakVoiceFor(id), String.valueOf(id));
        }
    }

    @Test
    void chosenVoicesSpeakTheirLanguage() {
        try (EspeakSynthesizer tts = new EspeakSynthesizer()) {
            for (String id : new String[] {"en-US-JennyNeural", "en-GB-RyanNeural", "fr-FR-DeniseNeural",
                    "de-DE-KatjaNeural", "es-ES-ElviraNeural", "pt-BR", "nonsense"}) {
                String voice = catalog.espeakVoiceFor(id);
                assertFalse(tts.synthesize("Hello", voice).phonemes().isEmpty(), id + " -> " + voice);
            }
            // A French voice says "bonjour" with a nasal vowel; the English default does not.
            assertTrue(EspeakSynthesizerTest.names(tts.synthesize("bonjour", catalog.espeakVoiceFor("fr-FR")))
                    .contains("O~"));
            assertFalse(EspeakSynthesizerTest.names(tts.synthesize("bonjour", catalog.espeakVoiceFor("xx")))
                    .contains("O~"));
        }
    }

    @Test
    void mapsAgainstAGivenVoiceList() {
        VoiceCatalog small = new VoiceCatalog(List.of(
                new Voice("English (America)", "gmw/en-US", List.of("en-us", "en"), "male"),
                new Voice("Italian", "roa/it", List.of("it"), "male")));
        assertEquals("it", small.espeakVoiceFor("it-IT-ElsaNeural"));
        assertEquals("en-us", small.espeakVoiceFor("en-GB-RyanNeural"));
        assertEquals("en-us", small.espeakVoiceFor("fr-FR-DeniseNeural"));
    }
}
