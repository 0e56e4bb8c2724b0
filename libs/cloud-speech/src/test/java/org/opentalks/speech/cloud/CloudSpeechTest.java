package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;

/** The four providers behind one {@link CloudSpeech}, each at its stand-in, with the keys of its engine's test. */
class CloudSpeechTest {
    AzureStandIn azure;
    ElevenLabsStandIn elevenLabs;
    PollyStandIn polly;
    GoogleStandIn google;
    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        azure = new AzureStandIn(Set.of(AzureSpeechEngineTest.OPERATOR_KEY, AzureSpeechEngineTest.CLIENT_KEY),
                AzureSpeechEngineTest.OPERATOR_KEY);
        elevenLabs = new ElevenLabsStandIn(Set.of(ElevenLabsEngineTest.OPERATOR_KEY, ElevenLabsEngineTest.CLIENT_KEY),
                ElevenLabsEngineTest.OPERATOR_KEY, dir);
        polly = new PollyStandIn(List.of(PollyEngineTest.OPERATOR, PollyEngineTest.CLIENT), "us-east-1");
        google = new GoogleStandIn(Set.of(GoogleSpeechEngineTest.OPERATOR_KEY),
                Set.of(GoogleSpeechEngineTest.CLIENT_TOKEN));
    }

    @AfterEach
    void stop() {
        List<Throwable> failures = new ArrayList<>();
        for (ProviderStandIn standIn : List.of(azure, elevenLabs, polly, google)) {
            standIn.close();
            failures.addAll(standIn.server().failures());
        }
        assertEquals(List.of(), failures);
    }

    List<StandIn> standIns() {
        return List.of(azure.server(), elevenLabs.server(), polly.server(), google.server());
    }

    List<StandIn.Received> requests() {
        return standIns().stream().flatMap(s -> s.requests().stream()).toList();
    }

    /** Every provider at the stand-in; operator credentials only where {@code operator} is true. */
    CloudSpeech cloud(boolean operator) {
        return new CloudSpeech(new CloudSpeechConfig(
                new AzureSpeechConfig(operator ? Secret.of(AzureSpeechEngineTest.OPERATOR_KEY) : null, "westeurope",
                        azure.base(), null, null),
                new ElevenLabsConfig(operator ? Secret.of(ElevenLabsEngineTest.OPERATOR_KEY) : null, elevenLabs.base(),
                        null, null, null),
                new PollyConfig(operator ? PollyEngineTest.OPERATOR : null, "us-east-1", polly.base(), null, null),
                new GoogleTtsConfig(operator ? GoogleCredentials.of(GoogleSpeechEngineTest.OPERATOR_KEY, null) : null,
                        google.base(), 0, null),
                Duration.ofSeconds(2)));
    }

    @Test
    void whichProvidersCanSpeak() {
        CloudSpeech none = cloud(false);
        assertEquals(List.of("microsoft", "azure-openai", "elevenlabs", "amazon", "google"), CloudSpeech.PROVIDERS);
        assertTrue(none.speaks("ElevenLabs"));
        assertFalse(none.speaks("espeak-ng"));
        assertFalse(none.speaks(null));
        for (String provider : CloudSpeech.PROVIDERS) {
            assertFalse(none.available(provider, ClientKeys.NONE), provider);
            assertTrue(cloud(true).available(provider, null), provider);
        }
        ClientKeys keys = ClientKeys.parse("{\"elevenlabs\":\"" + ElevenLabsEngineTest.CLIENT_KEY + "\"}");
        assertTrue(none.available("elevenlabs", keys));
        assertFalse(none.available("microsoft", keys));
        assertFalse(none.available("espeak-ng", keys));
    }

    @Test
    void refusedBeforeAnyRequest() {
        SpeechException local = assertThrows(SpeechException.class, () -> cloud(true).speak(
                CloudScript.text("espeak-ng", "en-us", "Hello."), ClientKeys.NONE));
        assertEquals(Cause.VOICE, local.reason());
        SpeechException noKey = assertThrows(SpeechException.class, () -> cloud(false).speak(
                CloudScript.text("elevenlabs", ElevenLabsEngineTest.RACHEL, "Hello."), ClientKeys.NONE));
        assertEquals(Cause.CREDENTIALS, noKey.reason());
        assertEquals("No elevenlabs credentials: send them in x-api-key-external (e.g. {\"elevenlabs\": …}) or "
                + "configure them for this server.", noKey.getMessage());
        assertEquals(List.of(), requests());
    }

    @Test
    void aTalksScriptIsSpokenByItsProviderWithTheClientsKeys() {
        ClientKeys keys = ClientKeys.parse("{\"microsoft\":\"" + AzureSpeechEngineTest.CLIENT_KEY + "\","
                + "\"elevenlabs\":\"" + ElevenLabsEngineTest.CLIENT_KEY + "\","
                + "\"amazon\":{\"access_key_id\":\"ASIACLIENT111111\",\"secret_access_key\":\"client/secret+key1111\","
                + "\"session_token\":\"client-session-token-2222\"},"
                + "\"google\":{\"access_token\":\"" + GoogleSpeechEngineTest.CLIENT_TOKEN + "\"}}");
        List<String> secrets = List.of(AzureSpeechEngineTest.CLIENT_KEY, ElevenLabsEngineTest.CLIENT_KEY,
                "client/secret+key1111", "client-session-token-2222", GoogleSpeechEngineTest.CLIENT_TOKEN);
        CloudSpeech cloud = cloud(false);
        List<String> messages = new ArrayList<>();
        try (LogCapture log = new LogCapture()) {
            List<TalkSpec.Script> scripts = List.of(
                    TalkSpec.Script.text("Nice to meet you.", new TalkSpec.Provider("azure-openai",
                            "en-US-JennyNeural", Map.of("style", "friendly"), null, null), false),
                    TalkSpec.Script.text("Nice to meet you.", new TalkSpec.Provider("elevenlabs",
                            ElevenLabsEngineTest.RACHEL, Map.of("stability", 0.5), "eleven_flash_v2_5", null), false),
                    TalkSpec.Script.text("Nice to meet you.", TalkSpec.Provider.of("amazon", "Matthew"), false),
                    TalkSpec.Script.text("Nice to meet you.", TalkSpec.Provider.of("google", "en-US-Wavenet-D"),
                            false));
            for (TalkSpec.Script script : scripts) {
                Speech speech = cloud.speak(CloudScript.of(script), keys);
                assertEquals(script.provider().type(), speech.engine());
                VisemeTrack track = cloud.visemes(speech);
                assertEquals(speech.durationSeconds(), track.durationSeconds(), 1e-9);
                assertContiguous(track);
                assertTrue(track.segments().stream().anyMatch(s -> s.viseme() != Viseme.REST), speech.label());
                if (!speech.engine().equals("azure-openai")) {
                    assertEquals(4, speech.words().size(), speech.label() + " " + speech.words());
                }
            }
            for (String provider : List.of("microsoft", "elevenlabs", "amazon", "google")) {
                String voice = Map.of("microsoft", "en-US-JennyNeural", "elevenlabs", "nobodyAtAll000000000",
                        "amazon", "Nobody", "google", "en-US-Nobody-Z").get(provider);
                messages.add(assertThrows(SpeechException.class, () -> cloud.speak(CloudScript.text(provider, voice,
                        "We are busy."), keys)).getMessage());
            }
            assertFalse(log.lines().isEmpty());
            for (String line : log.lines()) {
                for (String secret : secrets) {
                    assertFalse(line.contains(secret), line);
                }
            }
        }
        for (String message : messages) {
            for (String secret : secrets) {
                assertFalse(message.contains(secret), message);
            }
        }
        // Each request carried the client's credentials, never the operator's (there are none).
        assertTrue(requests().stream().anyMatch(r -> AzureSpeechEngineTest.CLIENT_KEY.equals(
                r.header("Ocp-Apim-Subscription-Key"))));
        assertTrue(requests().stream().anyMatch(r -> ElevenLabsEngineTest.CLIENT_KEY.equals(
                r.header("xi-api-key"))));
        assertTrue(requests().stream().anyMatch(r -> String.valueOf(r.header("Authorization"))
                .contains("Credential=ASIACLIENT111111/")));
        assertTrue(requests().stream().anyMatch(r -> ("Bearer " + GoogleSpeechEngineTest.CLIENT_TOKEN)
                .equals(r.header("Authorization"))));
    }

    static void assertContiguous(VisemeTrack track) {
        double at = 0;
        for (VisemeSegment s : track.segments()) {
            assertEquals(at, s.start(), 1e-9);
            assertTrue(s.end() > s.start());
            at = s.end();
        }
        assertEquals(track.durationSeconds(), at, 1e-9);
    }
}
