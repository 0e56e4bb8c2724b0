package org.opentalks.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentalks.speech.Gender;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.VoiceCatalogue;
import org.opentalks.speech.VoiceListing;

class VoiceDirectoryTest {
    private static final SpeechVoice SLT = new SpeechVoice("flite", "slt", "SLT", "en-US", Gender.FEMALE, List.of());

    @Test
    void beforeATtsServicePublishesOnlyMicrosoftsVoicesAreKnownAndLocalIdsPassThrough() {
        VoiceDirectory directory = new VoiceDirectory(Optional::empty);

        assertTrue(directory.all().stream().allMatch(v -> v.provider().equals("microsoft")));
        assertEquals(Optional.of("en-US-JennyNeural"), directory.resolve("microsoft", "jenny"));
        assertEquals(Optional.of("slt"), directory.resolve("flite", "slt"), "the tts-service decides");
    }

    @Test
    void aPublishedCatalogueIsListedAndResolvedByIdOrName() {
        VoiceDirectory directory = new VoiceDirectory(() -> Optional.of(
                VoiceListing.document(new VoiceCatalogue(List.of(SLT)), "tts-1", Instant.EPOCH)));

        assertEquals(Optional.of("slt"), directory.resolve("flite", "SLT"));
        assertEquals(Optional.empty(), directory.resolve("flite", "nobody"), "no such local voice");
        assertEquals(Optional.of("en-US-GuyNeural"), directory.resolve("azure-openai", "Guy"));
        assertEquals(Optional.of("Amy"), directory.resolve("amazon", "amy"), "Polly's voices are listed too");
        assertEquals(Optional.of("Zeina"), directory.resolve("amazon", "Zeina"), "unlisted ones as sent");
        assertEquals(Optional.of("21m00Tcm4TlvDq8ikWAM"), directory.resolve("elevenlabs", "Rachel"));
        VoiceDirectory.ApiVoice slt = directory.all().get(0);
        assertEquals(List.of("slt", "SLT", "Female", "en-US", "English (United States)", "flite"),
                List.of(slt.id(), slt.name(), slt.gender(), slt.locale(), slt.language(), slt.provider()));
        assertTrue(directory.all().stream().filter(v -> v.id().equals("en-US-JennyNeural")).findFirst().orElseThrow()
                .description().contains("flite:slt"));
    }
}
