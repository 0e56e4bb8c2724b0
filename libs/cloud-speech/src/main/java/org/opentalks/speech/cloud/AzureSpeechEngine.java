package org.opentalks.speech.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentalks.speech.Gender;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;
import org.opentalks.speech.SpeechVoice;

/**
 * Microsoft Azure Speech over its REST API (Azure "Text to speech REST API": {@code POST
 * https://{region}.tts.speech.microsoft.com/cognitiveservices/v1} with {@code Ocp-Apim-Subscription-Key},
 * {@code X-Microsoft-OutputFormat}, {@code Content-Type: application/ssml+xml} and an SSML body). D-ID's
 * {@code microsoft} provider; also its {@code azure-openai} one, whose voices Azure Speech serves too.
 *
 * <p>The REST API reports no word or viseme timings (only the Speech SDK's WebSocket protocol does), so the
 * speech has no phones or words: mouth shapes come from the audio ({@link CloudSpeech#visemes}).
 *
 * <p>{@code voice_config}: {@code style} becomes {@code <mstts:express-as style>}; {@code rate}, {@code pitch}
 * and {@code volume} become {@code <prosody>} attributes, passed as written once checked (they are in Azure's own
 * units). SSML scripts are sent whole; plain text over {@value #MAX_CHARS} characters is sent in pieces of whole
 * sentences (a request yields at most 10 minutes of audio).
 */
public final class AzureSpeechEngine extends CloudSpeechEngine {
    public static final String MICROSOFT = "microsoft";
    public static final String AZURE_OPENAI = "azure-openai";
    static final String NAME = "Azure Speech";
    static final int MAX_CHARS = 5000;

    private final String id;
    private final AzureSpeechConfig config;
    private final ProviderHttp http;
    private final Secret key;
    /** The client's key's region; null for the configured one. */
    private final String keyRegion;
    private final AudioFormat format;

    /** The {@code microsoft} engine with the operator's key. */
    public AzureSpeechEngine(AzureSpeechConfig config, HttpClient client) {
        this(MICROSOFT, config, new ProviderHttp(client), config.key(), null);
    }

    AzureSpeechEngine(String id, AzureSpeechConfig config, ProviderHttp http, Secret key, String keyRegion) {
        this.id = id;
        this.config = config;
        this.http = http;
        this.key = key;
        this.keyRegion = keyRegion;
        this.format = AudioFormat.azure(config.outputFormat());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean hasCredentials() {
        return key != null;
    }

    @Override
    public AzureSpeechEngine withClientKeys(ClientKeys keys) {
        ClientKeys.AzureKey client = keys == null ? null : keys.microsoft();
        return client == null ? this : new AzureSpeechEngine(id, config, http, client.key(), client.region());
    }

    @Override
    public Speech speak(CloudScript script) {
        String voice = requireVoice(script.voiceId(), id, "en-US-JennyNeural");
        String input = requireText(script.input());
        AzureSsml.Delivery delivery = delivery(new VoiceConfig(script.voiceConfig()));
        List<Speech> pieces = new ArrayList<>();
        if (script.ssml()) {
            pieces.add(synthesize(AzureSsml.forClient(input, voice, delivery), voice));
        } else {
            for (String chunk : ScriptChunks.split(input, String::length, MAX_CHARS)) {
                pieces.add(synthesize(AzureSsml.forText(chunk, voice, delivery), voice));
            }
        }
        return requireSound(Timelines.concat(pieces));
    }

    @Override
    public Speech speak(String text, SpeechVoice voice, Prosody prosody) {
        // A relative rate number is a factor, semitones are Azure's "st"; volume is the renderer's.
        AzureSsml.Delivery delivery = prosody.isNeutral() ? AzureSsml.Delivery.PLAIN : new AzureSsml.Delivery(null,
                String.format(Locale.ROOT, "%.3f", prosody.rate()),
                String.format(Locale.ROOT, "%+.2fst", prosody.pitchSemitones()), null);
        return requireSound(synthesize(AzureSsml.forText(requireText(text), voice.id(), delivery), voice.id()));
    }

    /** {@code voice_config} checked: a style is a name, rate, pitch and volume are in Azure's units. */
    static AzureSsml.Delivery delivery(VoiceConfig vc) {
        String style = vc.string("style");
        if (style != null && !style.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
            throw new SpeechException(Cause.VOICE, "voice_config.style must be a style name such as cheerful, not '"
                    + style + "'.");
        }
        String rate = vc.string("rate");
        String pitch = vc.string("pitch");
        String volume = vc.string("volume");
        try {
            if (rate != null) {
                Prosody.rate(rate);
            }
            if (pitch != null) {
                Prosody.pitch(pitch);
            }
            if (volume != null) {
                Prosody.volume(volume);
            }
        } catch (IllegalArgumentException e) {
            throw new SpeechException(Cause.VOICE, "voice_config: the " + e.getMessage() + ".");
        }
        return new AzureSsml.Delivery(style == null ? null : style.toLowerCase(Locale.ROOT), rate, pitch, volume);
    }

    private Speech synthesize(String ssml, String voice) {
        if (key == null) {
            throw noCredentials(NAME);
        }
        HttpRequest request = HttpRequest.newBuilder(Settings.at(config.base(keyRegion), "/cognitiveservices/v1"))
                .timeout(config.timeout())
                .header("Ocp-Apim-Subscription-Key", key.reveal())
                .header("X-Microsoft-OutputFormat", config.outputFormat())
                .header("Content-Type", "application/ssml+xml")
                .header("User-Agent", ProviderHttp.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(ssml))
                .build();
        ProviderHttp.Answer answer = http.send(NAME, request);
        if (!answer.ok()) {
            throw error(answer);
        }
        Pcm pcm = ProviderAudio.decode(answer.body(), format, NAME);
        return new Speech(pcm.samples(), pcm.sampleRate(), List.of(), voice, id, NO_PHONES, List.of());
    }

    /** Azure's voices ({@code GET /cognitiveservices/voices/list}): short and display name, gender, locale, styles. */
    @Override
    public List<SpeechVoice> voices() {
        if (key == null) {
            return List.of();
        }
        URI uri = Settings.at(config.base(keyRegion), "/cognitiveservices/voices/list");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Ocp-Apim-Subscription-Key", key.reveal())
                .header("User-Agent", ProviderHttp.USER_AGENT)
                .GET().build();
        ProviderHttp.Answer answer = http.send(NAME, request);
        if (!answer.ok()) {
            throw error(answer);
        }
        List<SpeechVoice> voices = new ArrayList<>();
        for (JsonNode v : Json.read(answer.body(), NAME)) {
            String shortName = Json.text(v, "ShortName");
            if (shortName == null) {
                continue;
            }
            List<String> styles = new ArrayList<>();
            v.path("StyleList").forEach(s -> styles.add(s.asText()));
            String display = Json.text(v, "DisplayName");
            String locale = Json.text(v, "Locale");
            voices.add(new SpeechVoice(id, shortName, display == null ? shortName : display,
                    locale == null ? localeOf(shortName) : locale, Gender.of(Json.text(v, "Gender")), styles));
        }
        return List.copyOf(voices);
    }

    private SpeechException error(ProviderHttp.Answer answer) {
        JsonNode json = Json.tryRead(answer.body());
        String message = json == null ? answer.text() : firstNonNull(Json.text(json, "error", "message"),
                Json.text(json, "message"), Json.text(json, "error"));
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        // Azure answers 400 both for SSML it cannot read and for a voice it does not have.
        Cause clientFault = lower.contains("voice") ? Cause.VOICE : Cause.TEXT;
        return ProviderError.of(ProviderError.causeOf(answer.status(), clientFault), NAME, id, answer.status(),
                message, key == null ? List.of() : List.of(key));
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
