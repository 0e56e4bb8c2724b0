package org.opentalks.speech.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opentalks.speech.Gender;
import org.opentalks.speech.InvalidSsmlException;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechEngine;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.SsmlParser;
import org.opentalks.speech.UtteranceRenderer;
import org.opentalks.speech.WordTiming;

/**
 * Google Cloud Text-to-Speech over its REST API (Cloud Text-to-Speech reference, {@code v1beta1 text.synthesize}:
 * {@code POST /v1beta1/text:synthesize} with {@code input}, {@code voice {languageCode, name}}, {@code audioConfig
 * {audioEncoding: LINEAR16, sampleRateHertz, speakingRate, pitch}} and {@code enableTimePointing: [SSML_MARK]}),
 * D-ID's {@code google} provider. Authenticated with an API key ({@code X-Goog-Api-Key}, kept out of the URL)
 * or an OAuth access token ({@code Authorization: Bearer}).
 *
 * <p>Google times only SSML marks, so every word is sent after a mark of its own ({@link GoogleMarks}) and the
 * answer's time points give the words' starts; a word ends where its sound does before the next. There are no
 * phone timings: mouth shapes come from the audio ({@link CloudSpeech#visemes}). Voices that take no SSML
 * (Chirp and Journey voices) are sent plain text, run by run for SSML scripts, and give no word timings.
 *
 * <p>{@code voice_config}: {@code rate} (a factor or Azure's levels and percentages) becomes {@code speakingRate},
 * {@code pitch} (semitones, levels, percentages or hertz) {@code pitch} in semitones, {@code volume}
 * {@code volumeGainDb}. Plain text over {@value #MAX_BYTES} bytes of marked SSML is sent in pieces of whole
 * sentences (a request takes 5000 bytes).
 */
public final class GoogleSpeechEngine extends CloudSpeechEngine {
    public static final String ID = "google";
    static final String NAME = "Google Text-to-Speech";
    static final int MAX_BYTES = 4_800;

    private final GoogleTtsConfig config;
    private final ProviderHttp http;
    private final GoogleCredentials credentials;

    /** The engine with the operator's credentials. */
    public GoogleSpeechEngine(GoogleTtsConfig config, HttpClient client) {
        this(config, new ProviderHttp(client), config.credentials());
    }

    GoogleSpeechEngine(GoogleTtsConfig config, ProviderHttp http, GoogleCredentials credentials) {
        this.config = config;
        this.http = http;
        this.credentials = credentials;
    }

    /** audioConfig's speakingRate, pitch and volumeGainDb; null members are left out. */
    record Delivery(Double speakingRate, Double pitch, Double volumeGainDb) {
        static final Delivery PLAIN = new Delivery(null, null, null);

        static Delivery of(VoiceConfig vc) {
            String rate = vc.string("rate", "speaking_rate");
            String pitch = vc.string("pitch");
            String volume = vc.string("volume");
            try {
                return new Delivery(rate == null ? null : Prosody.rate(rate),
                        pitch == null ? null : Math.max(-20, Math.min(20, Prosody.pitch(pitch))),
                        volume == null ? null : Math.max(-96, Math.min(16, Prosody.volume(volume))));
            } catch (IllegalArgumentException e) {
                throw new SpeechException(Cause.VOICE, "voice_config: the " + e.getMessage() + ".");
            }
        }

        static Delivery of(Prosody prosody) {
            return new Delivery(prosody.rate() == 1 ? null : prosody.rate(),
                    prosody.pitchSemitones() == 0 ? null : Math.max(-20, Math.min(20, prosody.pitchSemitones())), null);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean hasCredentials() {
        return credentials != null;
    }

    @Override
    public GoogleSpeechEngine withClientKeys(ClientKeys keys) {
        return keys == null || keys.google() == null ? this : new GoogleSpeechEngine(config, http, keys.google());
    }

    /** Whether a voice takes SSML and marks: Chirp and Journey voices take neither. */
    static boolean readsSsml(String voice) {
        String v = voice.toLowerCase(Locale.ROOT);
        return !v.contains("-chirp") && !v.contains("-journey");
    }

    @Override
    public Speech speak(CloudScript script) {
        String voice = requireVoice(script.voiceId(), ID, "en-US-Wavenet-D");
        String input = requireText(script.input());
        Delivery delivery = Delivery.of(new VoiceConfig(script.voiceConfig()));
        if (!readsSsml(voice)) {
            if (script.ssml()) {
                try {
                    return requireSound(new UtteranceRenderer(runs(delivery)).speak(SsmlParser.parse(input),
                            voice(voice), Prosody.NEUTRAL));
                } catch (InvalidSsmlException e) {
                    throw new SpeechException(Cause.TEXT, "The SSML cannot be read: " + e.getMessage());
                }
            }
            List<Speech> pieces = new ArrayList<>();
            for (String chunk : ScriptChunks.split(input, GoogleSpeechEngine::bytes, MAX_BYTES)) {
                pieces.add(synthesize(chunk, null, voice, delivery));
            }
            return requireSound(Timelines.concat(pieces));
        }
        if (script.ssml()) {
            return requireSound(synthesize(null, GoogleMarks.ssml(input), voice, delivery));
        }
        List<Speech> pieces = new ArrayList<>();
        for (String chunk : ScriptChunks.split(input, t -> bytes(GoogleMarks.plain(t).ssml()), MAX_BYTES)) {
            pieces.add(synthesize(null, GoogleMarks.plain(chunk), voice, delivery));
        }
        return requireSound(Timelines.concat(pieces));
    }

    @Override
    public Speech speak(String text, SpeechVoice voice, Prosody prosody) {
        requireText(text);
        Delivery delivery = Delivery.of(prosody);
        return requireSound(readsSsml(voice.id()) ? synthesize(null, GoogleMarks.plain(text), voice.id(), delivery)
                : synthesize(text, null, voice.id(), delivery));
    }

    /** An engine speaking runs of plain text with {@code delivery}, for voices that read no SSML. */
    private SpeechEngine runs(Delivery delivery) {
        return new SpeechEngine() {
            @Override
            public String id() {
                return ID;
            }

            @Override
            public List<SpeechVoice> voices() {
                return List.of();
            }

            @Override
            public Speech speak(String text, SpeechVoice voice, Prosody prosody) {
                Delivery d = new Delivery(scale(delivery.speakingRate(), prosody.rate()),
                        delivery.pitch(), delivery.volumeGainDb());
                return synthesize(text, null, voice.id(), d);
            }
        };
    }

    private static Double scale(Double rate, double factor) {
        return rate == null && factor == 1 ? null : Math.max(0.25, Math.min(4, (rate == null ? 1 : rate) * factor));
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One request, either plain {@code text} (no timings) or {@code marked} SSML (word timings). */
    private Speech synthesize(String text, GoogleMarks.Marked marked, String voice, Delivery delivery) {
        if (credentials == null) {
            throw noCredentials(NAME);
        }
        ObjectNode body = Json.object();
        if (marked != null) {
            body.putObject("input").put("ssml", marked.ssml());
        } else {
            body.putObject("input").put("text", text);
        }
        body.putObject("voice").put("languageCode", localeOf(voice)).put("name", voice);
        ObjectNode audio = body.putObject("audioConfig").put("audioEncoding", "LINEAR16")
                .put("sampleRateHertz", config.sampleRateHertz());
        if (delivery.speakingRate() != null) {
            audio.put("speakingRate", delivery.speakingRate());
        }
        if (delivery.pitch() != null) {
            audio.put("pitch", delivery.pitch());
        }
        if (delivery.volumeGainDb() != null) {
            audio.put("volumeGainDb", delivery.volumeGainDb());
        }
        if (marked != null) {
            body.putArray("enableTimePointing").add("SSML_MARK");
        }
        HttpRequest request = authorised(HttpRequest.newBuilder(Settings.at(config.endpoint(),
                "/v1beta1/text:synthesize")))
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                .build();
        ProviderHttp.Answer answer = http.send(NAME, request);
        if (!answer.ok()) {
            throw error(answer);
        }
        JsonNode json = Json.read(answer.body(), NAME);
        String content = Json.text(json, "audioContent");
        if (content == null) {
            throw new SpeechException(Cause.PROVIDER, NAME + " answered without audioContent; try again later.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new SpeechException(Cause.PROVIDER, NAME + " answered with audioContent that is not base64.");
        }
        // LINEAR16 comes with a WAV header; bare samples are read at the rate asked for.
        boolean wav = bytes.length >= 4 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F';
        Pcm pcm = wav ? ProviderAudio.wav(bytes, NAME) : ProviderAudio.rawPcm(bytes, config.sampleRateHertz());
        List<WordTiming> words = marked == null ? List.of() : words(pcm, marked.words(), json.path("timepoints"));
        return new Speech(pcm.samples(), pcm.sampleRate(), List.of(), voice, ID, NO_PHONES, words);
    }

    /** Words from their marks' time points; a word without one (the voice skipped its mark) is left out. */
    static List<WordTiming> words(Pcm pcm, List<String> words, JsonNode timepoints) {
        Map<Integer, Double> starts = new HashMap<>();
        for (JsonNode tp : timepoints) {
            String name = Json.text(tp, "markName");
            if (name != null && name.startsWith(GoogleMarks.PREFIX)) {
                try {
                    starts.put(Integer.parseInt(name.substring(GoogleMarks.PREFIX.length())),
                            tp.path("timeSeconds").asDouble());
                } catch (NumberFormatException e) {
                    // A client's own mark that happens to share the prefix: not a word.
                }
            }
        }
        double duration = pcm.durationSeconds();
        List<Integer> timed = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (starts.containsKey(i)) {
                timed.add(i);
            }
        }
        List<WordTiming> out = new ArrayList<>();
        double previous = 0;
        for (int k = 0; k < timed.size(); k++) {
            int i = timed.get(k);
            double start = Math.max(previous, starts.get(i));
            double limit = k + 1 < timed.size() ? Math.max(start, starts.get(timed.get(k + 1))) : duration;
            double end = Timelines.voicedEnd(pcm.samples(), pcm.sampleRate(), start, limit);
            WordTiming w = Timelines.word(words.get(i), start, end, duration);
            if (w != null) {
                out.add(w);
                previous = w.start();
            }
        }
        return out;
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder request) {
        request.header("User-Agent", ProviderHttp.USER_AGENT);
        return credentials.apiKey() != null ? request.header("X-Goog-Api-Key", credentials.apiKey().reveal())
                : request.header("Authorization", "Bearer " + credentials.accessToken().reveal());
    }

    /** Google's voices ({@code GET /v1beta1/voices}). */
    @Override
    public List<SpeechVoice> voices() {
        if (credentials == null) {
            return List.of();
        }
        HttpRequest request = authorised(HttpRequest.newBuilder(Settings.at(config.endpoint(), "/v1beta1/voices")))
                .timeout(config.timeout()).GET().build();
        ProviderHttp.Answer answer = http.send(NAME, request);
        if (!answer.ok()) {
            throw error(answer);
        }
        List<SpeechVoice> voices = new ArrayList<>();
        for (JsonNode v : Json.read(answer.body(), NAME).path("voices")) {
            String name = Json.text(v, "name");
            if (name == null) {
                continue;
            }
            String locale = v.path("languageCodes").path(0).asText(localeOf(name));
            voices.add(new SpeechVoice(ID, name, name, locale, Gender.of(Json.text(v, "ssmlGender")), List.of()));
        }
        return List.copyOf(voices);
    }

    private SpeechException error(ProviderHttp.Answer answer) {
        JsonNode json = Json.tryRead(answer.body());
        JsonNode error = json == null ? null : json.path("error");
        String message = error == null ? answer.text() : Json.text(error, "message");
        StringBuilder reasons = new StringBuilder(error == null ? "" : String.valueOf(Json.text(error, "status")));
        if (error != null) {
            error.path("details").forEach(d -> reasons.append(' ').append(Json.text(d, "reason")));
        }
        String lower = (reasons + " " + message).toLowerCase(Locale.ROOT);
        Cause cause;
        if (lower.contains("api_key_invalid") || lower.contains("api key not valid")
                || lower.contains("unauthenticated") || lower.contains("permission_denied")) {
            // Google answers 400, not 401, for a key that is not valid.
            cause = Cause.CREDENTIALS;
        } else {
            cause = ProviderError.causeOf(answer.status(), lower.contains("voice") ? Cause.VOICE : Cause.TEXT);
        }
        List<Secret> secrets = new ArrayList<>();
        if (credentials.apiKey() != null) {
            secrets.add(credentials.apiKey());
        }
        if (credentials.accessToken() != null) {
            secrets.add(credentials.accessToken());
        }
        return ProviderError.of(cause, NAME, ID, answer.status(), message, secrets);
    }
}
