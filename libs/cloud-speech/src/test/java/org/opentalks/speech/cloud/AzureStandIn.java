package org.opentalks.speech.cloud;

import java.io.IOException;
import java.io.StringReader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Azure Speech's REST API as Microsoft documents it: {@code POST /cognitiveservices/v1} with the resource key
 * in {@code Ocp-Apim-Subscription-Key}, an SSML body and the audio format in {@code X-Microsoft-OutputFormat};
 * {@code GET /cognitiveservices/voices/list}. It speaks the SSML's text with {@link TestSpeech}. A script
 * saying "busy" is answered 429; one saying "slowly" waits for {@link #release()}.
 */
public final class AzureStandIn extends ProviderStandIn {
    public static final String DENIED = "Access denied due to invalid subscription key or wrong API endpoint. Make "
            + "sure to provide a valid key for an active subscription and use a correct regional API endpoint for "
            + "your resource.";
    public static final Set<String> VOICES = Set.of("en-US-JennyNeural", "en-GB-SoniaNeural");

    private final Set<String> keys;
    private final String listingKey;
    private final CountDownLatch release = new CountDownLatch(1);

    /**
     * @param keys       the resource keys it speaks for
     * @param listingKey the one key it lists voices for (the operator's)
     */
    public AzureStandIn(Set<String> keys, String listingKey) throws IOException {
        this.keys = Set.copyOf(keys);
        this.listingKey = listingKey;
        server.on("/cognitiveservices/v1", this::synthesize)
                .on("/cognitiveservices/voices/list", this::voices);
    }

    /** Lets a "slowly" script be answered. */
    public void release() {
        release.countDown();
    }

    public static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static StandIn.Reply denied() {
        return StandIn.Reply.json(401, "{\"error\":{\"code\":\"401\",\"message\":\"" + DENIED + "\"}}");
    }

    private StandIn.Reply synthesize(StandIn.Received r) throws Exception {
        if (!keys.contains(r.header("Ocp-Apim-Subscription-Key"))) {
            return denied();
        }
        String format = r.header("X-Microsoft-OutputFormat");
        if (!"POST".equals(r.method()) || !"application/ssml+xml".equals(r.header("Content-Type"))
                || r.header("User-Agent") == null || !Set.of("riff-24khz-16bit-mono-pcm", "raw-16khz-16bit-mono-pcm")
                .contains(format)) {
            return StandIn.Reply.json(400, "{\"error\":{\"message\":\"bad request\"}}");
        }
        Element voice = (Element) parse(r.text()).getElementsByTagNameNS(AzureSsml.SYNTHESIS, "voice").item(0);
        if (voice == null) {
            return StandIn.Reply.bytes(400, "text/plain", "SSML parsing error: 0x80045003 - no voice".getBytes());
        }
        if (!VOICES.contains(voice.getAttribute("name"))) {
            return StandIn.Reply.bytes(400, "text/plain", ("Unsupported voice " + voice.getAttribute("name") + ".")
                    .getBytes());
        }
        String text = voice.getTextContent().strip();
        if (text.contains("busy")) {
            return StandIn.Reply.bytes(429, "text/plain", "Too many requests".getBytes());
        }
        if (text.contains("slowly")) {
            release.await(10, TimeUnit.SECONDS);
        }
        boolean riff = format.startsWith("riff");
        TestSpeech.Spoken spoken = TestSpeech.speak(text, riff ? 24_000 : 16_000);
        answered(spoken);
        return StandIn.Reply.bytes(200, riff ? "audio/x-wav" : "audio/basic", riff ? spoken.wav() : spoken.pcm16le());
    }

    private StandIn.Reply voices(StandIn.Received r) {
        if (!listingKey.equals(r.header("Ocp-Apim-Subscription-Key"))) {
            return denied();
        }
        return StandIn.Reply.json(200, """
                [{"Name": "Microsoft Server Speech Text to Speech Voice (en-US, JennyNeural)", "DisplayName": "Jenny",
                  "LocalName": "Jenny", "ShortName": "en-US-JennyNeural", "Gender": "Female", "Locale": "en-US",
                  "StyleList": ["assistant", "chat", "cheerful"], "SampleRateHertz": "24000", "VoiceType": "Neural"},
                 {"Name": "Microsoft Server Speech Text to Speech Voice (en-GB, RyanNeural)", "DisplayName": "Ryan",
                  "ShortName": "en-GB-RyanNeural", "Gender": "Male", "Locale": "en-GB", "VoiceType": "Neural"}]""");
    }

    @Override
    public void close() {
        release.countDown();
        super.close();
    }
}
