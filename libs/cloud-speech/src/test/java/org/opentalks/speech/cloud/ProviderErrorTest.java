package org.opentalks.speech.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;

class ProviderErrorTest {

    @Test
    void statusesBecomeDidsKinds() {
        assertEquals(Cause.CREDENTIALS, ProviderError.causeOf(401, Cause.TEXT));
        assertEquals(Cause.CREDENTIALS, ProviderError.causeOf(403, Cause.VOICE));
        assertEquals(Cause.PROVIDER, ProviderError.causeOf(429, Cause.TEXT));
        assertEquals(Cause.PROVIDER, ProviderError.causeOf(503, Cause.TEXT));
        assertEquals(Cause.PROVIDER, ProviderError.causeOf(408, Cause.TEXT));
        assertEquals(Cause.VOICE, ProviderError.causeOf(404, Cause.VOICE));
        assertEquals(Cause.TEXT, ProviderError.causeOf(400, Cause.TEXT));
    }

    @Test
    void aProviderThatEchoesTheKeyDoesNotGetItRepeated() {
        Secret key = Secret.of("sk_live_abcdef123456");
        SpeechException e = ProviderError.of(Cause.CREDENTIALS, "ElevenLabs", "elevenlabs", 401,
                "Invalid API key: sk_live_abcdef123456\n\tat com.example.Handler.handle(Handler.java:12)",
                List.of(key));
        assertFalse(e.getMessage().contains("sk_live_abcdef123456"), e.getMessage());
        assertTrue(e.getMessage().startsWith("ElevenLabs: Invalid API key: <redacted> (HTTP 401)"), e.getMessage());
        assertFalse(e.getMessage().contains("Handler.java"), "a provider's stack trace is not repeated");
    }

    @Test
    void anErrorPageLosesItsMarkup() {
        String page = "<html><head><title>502 Bad Gateway</title><style>body{x}</style></head>"
                + "<body><h1>502 Bad Gateway</h1></body></html>";
        assertEquals("Google Text-to-Speech: 502 Bad Gateway (HTTP 502). Google Text-to-Speech is unavailable or "
                + "busy; try again later.", ProviderError.of(Cause.PROVIDER, "Google Text-to-Speech", "google", 502,
                page, List.of()).getMessage());
    }

    @Test
    void longOrEmptyMessages() {
        String message = ProviderError.of(Cause.PROVIDER, "Azure Speech", "microsoft", 502, "x".repeat(1000),
                List.of()).getMessage();
        assertTrue(message.contains("x".repeat(299) + "…"), message);
        assertFalse(message.contains("x".repeat(300)));
        assertEquals("Azure Speech: HTTP 401 (HTTP 401). Check the microsoft key sent in x-api-key-external or "
                + "configured for this server.", ProviderError.of(Cause.CREDENTIALS, "Azure Speech", "microsoft", 401,
                "", List.of()).getMessage());
    }
}
