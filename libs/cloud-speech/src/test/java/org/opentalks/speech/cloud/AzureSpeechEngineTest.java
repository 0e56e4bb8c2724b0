package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;
import org.opentalks.speech.SpeechVoice;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AzureSpeechEngineTest {
    static final String OPERATOR_KEY = "operator-azure-key-0c1d";
    static final String CLIENT_KEY = "client-azure-key-9f8e";

    AzureStandIn azure;
    StandIn standIn;
    final HttpClient http = ProviderHttp.client(Duration.ofSeconds(5));

    @BeforeEach
    void start() throws Exception {
        azure = new AzureStandIn(Set.of(OPERATOR_KEY, CLIENT_KEY), OPERATOR_KEY);
        standIn = azure.server();
    }

    @AfterEach
    void stop() {
        azure.close();
        assertEquals(List.of(), standIn.failures());
    }

    /** The audio the stand-in last answered with. */
    TestSpeech.Spoken answered() {
        List<TestSpeech.Spoken> all = azure.answered();
        return all.get(all.size() - 1);
    }

    static Document parse(String xml) throws Exception {
        return AzureStandIn.parse(xml);
    }

    AzureSpeechEngine engine(String key, Duration timeout, String format) {
        AzureSpeechConfig config = new AzureSpeechConfig(Secret.of(key), "westeurope", standIn.base(), format,
                timeout);
        return new AzureSpeechEngine(config, http);
    }

    AzureSpeechEngine engine() {
        return engine(OPERATOR_KEY, null, null);
    }

    Document sentSsml() throws Exception {
        List<StandIn.Received> requests = standIn.requests();
        return parse(requests.get(requests.size() - 1).text());
    }

    @Test
    void speaksTheScriptInTheVoiceStyleAndProsodyAsked() throws Exception {
        CloudScript script = new CloudScript("microsoft", "en-US-JennyNeural", "Hello there, my friend.", false,
                Map.of("style", "Cheerful", "rate", "0.9", "pitch", "+2st"), null, "English (United States)");
        Speech speech = engine().speak(script);

        StandIn.Received request = standIn.requests().get(0);
        assertEquals("/cognitiveservices/v1", request.path());
        assertEquals(OPERATOR_KEY, request.header("Ocp-Apim-Subscription-Key"));
        assertEquals("riff-24khz-16bit-mono-pcm", request.header("X-Microsoft-OutputFormat"));
        Document ssml = sentSsml();
        Element speak = ssml.getDocumentElement();
        assertEquals("1.0", speak.getAttribute("version"));
        assertEquals("en-US", speak.getAttribute("xml:lang"));
        Element voice = (Element) speak.getElementsByTagNameNS(AzureSsml.SYNTHESIS, "voice").item(0);
        assertEquals("en-US-JennyNeural", voice.getAttribute("name"));
        Element style = (Element) voice.getElementsByTagNameNS(AzureSsml.MSTTS, "express-as").item(0);
        assertEquals("cheerful", style.getAttribute("style"));
        Element prosody = (Element) style.getElementsByTagNameNS(AzureSsml.SYNTHESIS, "prosody").item(0);
        assertEquals("0.9", prosody.getAttribute("rate"));
        assertEquals("+2st", prosody.getAttribute("pitch"));
        assertEquals("Hello there, my friend.", prosody.getTextContent());

        TestSpeech.Spoken sent = answered();
        assertEquals(24_000, speech.sampleRate());
        assertArrayEquals(sent.samples(), speech.samples());
        assertEquals(sent.duration(), speech.durationSeconds(), 1e-9);
        assertEquals("microsoft", speech.engine());
        assertEquals("en-US-JennyNeural", speech.voice());
        // The REST API times nothing: no phones, no words; the mouth follows the audio.
        assertEquals(List.of(), speech.phonemes());
        assertEquals(List.of(), speech.words());
        VisemeTrack track = new CloudSpeech(CloudSpeechConfig.none(), http).visemes(speech);
        assertEquals(speech.durationSeconds(), track.durationSeconds(), 1e-9);
        assertTrue(track.segments().stream().anyMatch(s -> s.viseme() != Viseme.REST), "the audio moves the mouth");
        assertEquals("microsoft:en-US-JennyNeural", track.voice());
    }

    @Test
    void aClientFragmentIsSpokenInsideTheTalksVoice() throws Exception {
        CloudScript script = new CloudScript("microsoft", "en-US-JennyNeural",
                "Hello <break time=\"500ms\"/> <mstts:silence type=\"Sentenceboundary\" value=\"200ms\"/>world", true,
                Map.of(), null, null);
        Speech speech = engine().speak(script);
        Element voice = (Element) sentSsml().getElementsByTagNameNS(AzureSsml.SYNTHESIS, "voice").item(0);
        assertEquals("en-US-JennyNeural", voice.getAttribute("name"));
        assertEquals(1, voice.getElementsByTagNameNS(AzureSsml.SYNTHESIS, "break").getLength());
        assertEquals(1, voice.getElementsByTagNameNS(AzureSsml.MSTTS, "silence").getLength());
        assertEquals(answered().samples().length, speech.samples().length);
    }

    @Test
    void clientSsmlThatChoosesItsVoiceIsSentAsWritten() throws Exception {
        String ssml = "<?xml version=\"1.0\"?><speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" "
                + "xml:lang=\"en-GB\"><voice name=\"en-GB-SoniaNeural\">Good morning.</voice></speak>";
        Speech speech = engine().speak(new CloudScript("microsoft", "en-US-JennyNeural", ssml, true, Map.of(), null,
                null));
        Element speak = sentSsml().getDocumentElement();
        assertEquals("en-GB", speak.getAttribute("xml:lang"));
        assertEquals(1, speak.getElementsByTagNameNS(AzureSsml.SYNTHESIS, "voice").getLength());
        assertEquals("en-GB-SoniaNeural",
                ((Element) speak.getElementsByTagNameNS(AzureSsml.SYNTHESIS, "voice").item(0)).getAttribute("name"));
        assertEquals("en-US-JennyNeural", speech.voice(), "the talk's voice names the speech");
    }

    @Test
    void brokenSsmlIsATextErrorAndNothingIsSent() {
        SpeechException e = assertThrows(SpeechException.class, () -> engine().speak(
                new CloudScript("microsoft", "en-US-JennyNeural", "Hello <break time='1s'", true, Map.of(), null,
                        null)));
        assertEquals(Cause.TEXT, e.reason());
        assertTrue(e.getMessage().startsWith("The SSML is not well-formed XML"), e.getMessage());
        assertEquals(List.of(), standIn.requests());
    }

    @Test
    void aRefusedKeyIsACredentialsErrorInAzuresWordsWithoutTheKey() {
        SpeechException e = assertThrows(SpeechException.class, () -> engine("wrong-" + OPERATOR_KEY, null, null)
                .speak(CloudScript.text("microsoft", "en-US-JennyNeural", "Hello.")));
        assertEquals(Cause.CREDENTIALS, e.reason());
        assertTrue(e.getMessage().startsWith("Azure Speech: Access denied due to invalid subscription key"),
                e.getMessage());
        assertTrue(e.getMessage().contains("x-api-key-external"), e.getMessage());
        assertFalse(e.getMessage().contains(OPERATOR_KEY), e.getMessage());
        assertFalse(e.getMessage().contains("at org."), "no stack trace in the message");
    }

    @Test
    void theClientsKeyOverridesTheOperators() {
        AzureSpeechEngine client = engine("operator-key-that-is-revoked", null, null)
                .withClientKeys(ClientKeys.parse("{\"microsoft\":\"" + CLIENT_KEY + "\"}"));
        Speech speech = client.speak(CloudScript.text("microsoft", "en-US-JennyNeural", "Hi."));
        assertEquals(CLIENT_KEY, standIn.requests().get(0).header("Ocp-Apim-Subscription-Key"));
        assertEquals(answered().samples().length, speech.samples().length);
        assertFalse(client.toString().contains(CLIENT_KEY));

        SpeechException none = assertThrows(SpeechException.class, () -> engine(null, null, null)
                .speak(CloudScript.text("microsoft", "en-US-JennyNeural", "Hi.")));
        assertEquals(Cause.CREDENTIALS, none.reason());
        assertTrue(none.getMessage().contains("x-api-key-external"), none.getMessage());
    }

    @Test
    void refusalsBecomeDidsKinds() {
        SpeechException voice = assertThrows(SpeechException.class, () -> engine()
                .speak(CloudScript.text("microsoft", "en-US-NobodyNeural", "Hi.")));
        assertEquals(Cause.VOICE, voice.reason());
        assertTrue(voice.getMessage().startsWith("Azure Speech: Unsupported voice en-US-NobodyNeural (HTTP 400)"),
                voice.getMessage());

        SpeechException busy = assertThrows(SpeechException.class, () -> engine()
                .speak(CloudScript.text("microsoft", "en-US-JennyNeural", "We are busy.")));
        assertEquals(Cause.PROVIDER, busy.reason());
        assertTrue(busy.getMessage().contains("Too many requests (HTTP 429)"), busy.getMessage());

        int sent = standIn.requests().size();
        SpeechException config = assertThrows(SpeechException.class, () -> engine().speak(new CloudScript("microsoft",
                "en-US-JennyNeural", "Hi.", false, Map.of("rate", "warp nine"), null, null)));
        assertEquals(Cause.VOICE, config.reason());
        assertTrue(config.getMessage().contains("rate 'warp nine'"), config.getMessage());
        SpeechException style = assertThrows(SpeechException.class, () -> engine().speak(new CloudScript("microsoft",
                "en-US-JennyNeural", "Hi.", false, Map.of("style", "\"><evil/>"), null, null)));
        assertEquals(Cause.VOICE, style.reason());
        assertEquals(sent, standIn.requests().size(), "a bad voice_config is refused before any request");
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsAProviderError() {
        long started = System.nanoTime();
        SpeechException e = assertThrows(SpeechException.class, () -> engine(OPERATOR_KEY, Duration.ofMillis(300),
                null).speak(CloudScript.text("microsoft", "en-US-JennyNeural", "Speak slowly.")));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(Cause.PROVIDER, e.reason());
        assertEquals("Azure Speech did not answer within 0.3 s; try again later or with a shorter script.",
                e.getMessage());
        assertTrue(seconds >= 0.3 && seconds < 5, "gave up after " + seconds + " s");
    }

    @Test
    void theRunEntryPointSendsRateAndPitchInAzuresUnits() throws Exception {
        AzureSpeechEngine engine = engine(OPERATOR_KEY, null, "raw-16khz-16bit-mono-pcm");
        SpeechVoice voice = engine.voice("en-GB-SoniaNeural");
        assertEquals("en-GB", voice.locale());
        Speech speech = engine.speak("Lovely weather.", voice, new Prosody(1.25, 2, -6));
        Element prosody = (Element) sentSsml().getElementsByTagNameNS(AzureSsml.SYNTHESIS, "prosody").item(0);
        assertEquals("1.250", prosody.getAttribute("rate"));
        assertEquals("+2.00st", prosody.getAttribute("pitch"));
        assertEquals("", prosody.getAttribute("volume"), "volume is the renderer's gain");
        assertEquals(16_000, speech.sampleRate());
        assertArrayEquals(answered().samples(), speech.samples());
    }

    @Test
    void voicesAreListedFromAzure() {
        List<SpeechVoice> voices = engine().voices();
        assertEquals(2, voices.size());
        SpeechVoice jenny = voices.get(0);
        assertEquals("microsoft", jenny.engine());
        assertEquals("en-US-JennyNeural", jenny.id());
        assertEquals("Jenny", jenny.name());
        assertEquals("en-US", jenny.locale());
        assertEquals(org.opentalks.speech.Gender.FEMALE, jenny.gender());
        assertEquals(List.of("assistant", "chat", "cheerful"), jenny.styles());
        assertEquals(org.opentalks.speech.Gender.MALE, voices.get(1).gender());
        assertEquals(List.of(), engine(null, null, null).voices(), "no key, no voices reachable");
        SpeechException e = assertThrows(SpeechException.class, () -> engine("revoked", null, null).voices());
        assertEquals(Cause.CREDENTIALS, e.reason());
    }
}
