package org.opentalks.speech.cloud;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.speech.AudioVisemes;
import org.opentalks.speech.EspeakSynthesizer;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.VisemeMapper;

/**
 * The cloud voices D-ID speaks with, by D-ID's provider types: {@code microsoft} and {@code azure-openai}
 * (Azure Speech), {@code elevenlabs}, {@code amazon} (Polly) and {@code google}. A talk is spoken here when the
 * operator configured the provider or the client sent its own key ({@code x-api-key-external}, read by
 * {@link ClientKeys#parse}); the client's key wins for that talk.
 *
 * <pre>
 * CloudSpeech cloud = new CloudSpeech(config);
 * ClientKeys keys = ClientKeys.parse(headerOrNull);          // IllegalArgumentException: a 400 for the client
 * if (cloud.available(script.provider().type(), keys)) {
 *     Speech speech = cloud.speak(CloudScript.of(script), keys); // SpeechException: the talk's error kind
 *     VisemeTrack track = cloud.visemes(speech);
 * }                                                           // else: the local stand-in voice
 * </pre>
 * Thread-safe; one HTTP client is shared by every provider.
 */
public final class CloudSpeech implements AutoCloseable {
    /** The provider types spoken here. */
    public static final List<String> PROVIDERS = List.of(AzureSpeechEngine.MICROSOFT, AzureSpeechEngine.AZURE_OPENAI,
            ElevenLabsEngine.ID, PollyEngine.ID, GoogleSpeechEngine.ID);

    private final Map<String, CloudSpeechEngine> engines;
    private final VisemeMapper mapper = new VisemeMapper();
    private final AudioVisemes audioVisemes = new AudioVisemes();

    public CloudSpeech(CloudSpeechConfig config) {
        this(config, ProviderHttp.client(config.connectTimeout()));
    }

    public CloudSpeech(CloudSpeechConfig config, HttpClient client) {
        ProviderHttp http = new ProviderHttp(client);
        AzureSpeechConfig azure = config.microsoft();
        this.engines = Map.of(
                AzureSpeechEngine.MICROSOFT,
                new AzureSpeechEngine(AzureSpeechEngine.MICROSOFT, azure, http, azure.key(), null),
                AzureSpeechEngine.AZURE_OPENAI,
                new AzureSpeechEngine(AzureSpeechEngine.AZURE_OPENAI, azure, http, azure.key(), null),
                ElevenLabsEngine.ID, new ElevenLabsEngine(config.elevenlabs(), http, config.elevenlabs().key()),
                PollyEngine.ID, new PollyEngine(config.amazon(), http, config.amazon().credentials(), null,
                        java.time.Clock.systemUTC()),
                GoogleSpeechEngine.ID, new GoogleSpeechEngine(config.google(), http, config.google().credentials()));
    }

    /** Whether {@code provider} is one of {@link #PROVIDERS}, ignoring case. */
    public boolean speaks(String provider) {
        return provider != null && engines.containsKey(provider.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether {@code provider} can be called now: the client sent a key for it, or the operator configured one. */
    public boolean available(String provider, ClientKeys keys) {
        return engine(provider, keys).isPresent();
    }

    /** The engine for {@code provider} with the client's keys, else the operator's; empty when there are neither. */
    public Optional<CloudSpeechEngine> engine(String provider, ClientKeys keys) {
        if (!speaks(provider)) {
            return Optional.empty();
        }
        CloudSpeechEngine engine = engines.get(provider.strip().toLowerCase(Locale.ROOT))
                .withClientKeys(keys == null ? ClientKeys.NONE : keys);
        return engine.hasCredentials() ? Optional.of(engine) : Optional.empty();
    }

    /**
     * Speaks a talk's whole script with its provider.
     *
     * @throws SpeechException VOICE for a provider not spoken here, CREDENTIALS when there is no key for it, and
     *                         whatever the provider's answer means (see {@link CloudSpeechEngine})
     */
    public Speech speak(CloudScript script, ClientKeys keys) {
        if (!speaks(script.provider())) {
            throw new SpeechException(SpeechException.Cause.VOICE, "The provider " + script.provider()
                    + " is not a cloud provider spoken here; use one of " + String.join(", ", PROVIDERS) + ".");
        }
        CloudSpeechEngine engine = engines.get(script.provider().strip().toLowerCase(Locale.ROOT))
                .withClientKeys(keys == null ? ClientKeys.NONE : keys);
        if (!engine.hasCredentials()) {
            throw engine.noCredentials(script.provider());
        }
        return engine.speak(script);
    }

    /**
     * The mouth shapes of cloud speech: from its phones where the provider timed them (Polly's visemes,
     * ElevenLabs' letters), else estimated from the audio ({@link AudioVisemes}).
     */
    public VisemeTrack visemes(Speech speech) {
        boolean timed = speech.phonemes().stream().anyMatch(p -> !p.phoneme().equals(EspeakSynthesizer.PAUSE));
        return timed ? mapper.track(speech)
                : audioVisemes.track(new Pcm(speech.samples(), speech.sampleRate()), speech.label());
    }

    @Override
    public void close() {
        // The JDK's HttpClient (Java 17) has nothing to close: its connections idle out.
    }
}
