package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientKeysTest {
    static final String SECRET = "sk_client_5f2b9e1d7c";

    @Test
    void didsDocumentedForm() {
        ClientKeys keys = ClientKeys.parse("{\"elevenlabs\":\"" + SECRET + "\"}");
        assertEquals(SECRET, keys.elevenlabs().reveal());
        assertNull(keys.microsoft());
        assertNull(keys.amazon());
        assertNull(keys.google());
    }

    @Test
    void everyProvidersForms() {
        ClientKeys keys = ClientKeys.parse("""
                {"microsoft": {"key": "az-1", "region": "westeurope"},
                 "amazon": {"accessKeyId": "AKIA1", "secretAccessKey": "s3cr3t", "session_token": "tok",
                            "region": "eu-west-1"},
                 "google": {"access_token": "ya29.x"},
                 "playht": "ignored, as D-ID ignores keys it does not use"}""");
        assertEquals("az-1", keys.microsoft().key().reveal());
        assertEquals("westeurope", keys.microsoft().region());
        assertEquals("AKIA1", keys.amazon().credentials().accessKeyId().reveal());
        assertEquals("s3cr3t", keys.amazon().credentials().secretAccessKey().reveal());
        assertEquals("tok", keys.amazon().credentials().sessionToken().reveal());
        assertEquals("eu-west-1", keys.amazon().region());
        assertNull(keys.google().apiKey());
        assertEquals("ya29.x", keys.google().accessToken().reveal());

        ClientKeys strings = ClientKeys.parse("{\"azure\":\"az-2\",\"amazon\":\"AKIA2:s3cr3t2\",\"google\":\"AIza\"}");
        assertEquals("az-2", strings.microsoft().key().reveal());
        assertNull(strings.microsoft().region());
        assertEquals("AKIA2", strings.amazon().credentials().accessKeyId().reveal());
        assertEquals("s3cr3t2", strings.amazon().credentials().secretAccessKey().reveal());
        assertEquals("AIza", strings.google().apiKey().reveal());
    }

    @Test
    void noHeaderIsNoKeys() {
        assertSame(ClientKeys.NONE, ClientKeys.parse(null));
        assertSame(ClientKeys.NONE, ClientKeys.parse("  "));
        assertTrue(ClientKeys.parse("{}").isEmpty());
    }

    @Test
    void aBadHeaderIsRefusedWithoutRepeatingIt() {
        for (String header : List.of("{\"elevenlabs\":\"" + SECRET + "\"", SECRET, "[\"" + SECRET + "\"]",
                "{\"elevenlabs\":{\"key\":\"" + SECRET + "\"}}", "{\"amazon\":\"" + SECRET + "\"}",
                "{\"amazon\":{\"access_key_id\":\"" + SECRET + "\"}}", "{\"elevenlabs\":\"\"}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientKeys.parse(header),
                    header);
            assertTrue(e.getMessage().startsWith("x-api-key-external"), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
    }

    @Test
    void keysNeverPrint() {
        ClientKeys keys = ClientKeys.parse("{\"elevenlabs\":\"" + SECRET + "\",\"microsoft\":\"" + SECRET
                + "\",\"amazon\":\"" + SECRET + ":" + SECRET + "\",\"google\":\"" + SECRET + "\"}");
        assertFalse(keys.toString().contains(SECRET), keys.toString());
        CloudSpeechConfig config = new CloudSpeechConfig(
                new AzureSpeechConfig(Secret.of(SECRET), "westeurope", null, null, null),
                new ElevenLabsConfig(Secret.of(SECRET), null, null, null, null),
                new PollyConfig(AwsCredentials.of(SECRET, SECRET, SECRET), null, null, null, null),
                new GoogleTtsConfig(GoogleCredentials.of(SECRET, SECRET), null, 0, null), null);
        assertFalse(config.toString().contains(SECRET), config.toString());
        assertTrue(config.toString().contains("westeurope"));
    }

    @Test
    void configurationDefaultsAndRefusals() {
        CloudSpeechConfig none = CloudSpeechConfig.none();
        assertEquals("riff-24khz-16bit-mono-pcm", none.microsoft().outputFormat());
        assertEquals(URI.create("https://eastus.tts.speech.microsoft.com"), none.microsoft().base(null));
        assertEquals(URI.create("https://westeurope.tts.speech.microsoft.com"), none.microsoft().base("westeurope"));
        assertEquals(URI.create("https://polly.us-east-1.amazonaws.com"), none.amazon().base(null));
        assertEquals("eleven_multilingual_v2", none.elevenlabs().modelId());
        assertEquals("pcm_16000", none.elevenlabs().outputFormat());
        assertEquals(24_000, none.google().sampleRateHertz());
        assertEquals(Duration.ofSeconds(10), none.connectTimeout());

        assertThrows(IllegalArgumentException.class,
                () -> new AzureSpeechConfig(null, null, null, "riff-8khz-16bit-mono-pcm", null));
        assertThrows(IllegalArgumentException.class,
                () -> new AzureSpeechConfig(null, null, null, "raw-8khz-8bit-mono-mulaw", null));
        assertThrows(IllegalArgumentException.class, () -> new ElevenLabsConfig(null, null, null, "ulaw_8000", null));
        assertThrows(IllegalArgumentException.class, () -> new PollyConfig(null, "us-east-1.evil.com", null, null,
                null));
        assertThrows(IllegalArgumentException.class, () -> new PollyConfig(null, null, null, "turbo", null));
        assertThrows(IllegalArgumentException.class, () -> new GoogleTtsConfig(null, null, 8000, null));
        assertThrows(IllegalArgumentException.class,
                () -> new AzureSpeechConfig(null, null, null, null, Duration.ZERO));
    }
}
