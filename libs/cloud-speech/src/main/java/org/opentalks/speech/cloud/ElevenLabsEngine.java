package org.opentalks.speech.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opentalks.speech.Gender;
import org.opentalks.speech.InvalidSsmlException;
import org.opentalks.speech.PhoneSet;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechEngine;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.SsmlParser;
import org.opentalks.speech.Utterance;
import org.opentalks.speech.UtteranceRenderer;
import org.opentalks.speech.WordTiming;

/**
 * ElevenLabs over its REST API (ElevenLabs API reference, "Create speech with timing": {@code POST
 * /v1/text-to-speech/{voice_id}/with-timestamps?output_format=…} with {@code xi-api-key} and a JSON body of
 * {@code text}, {@code model_id} and {@code voice_settings}), D-ID's {@code elevenlabs} provider. The answer
 * times every character of the text, so the speech's phones are the text's letters ({@link PhoneSet#LETTERS}:
 * one per character, {@code th}, {@code ph} and {@code wh} as one) and its words are the runs of non-space
 * characters.
 *
 * <p>{@code voice_config}: {@code stability}, {@code similarity_boost}, {@code style} (0–1),
 * {@code use_speaker_boost} and {@code rate} or {@code speed} (0.7–1.2) become {@code voice_settings};
 * {@code apply_language_text_normalization} is passed on; a two-letter {@code language} becomes
 * {@code language_code}. ElevenLabs reads no SSML, so an SSML script is spoken run by run
 * ({@link UtteranceRenderer}: exact breaks, {@code <prosody rate>} as speed); long plain text is sent in pieces
 * of whole sentences, each told the text around it ({@code previous_text}, {@code next_text}) so that the
 * delivery flows on.
 */
public final class ElevenLabsEngine extends CloudSpeechEngine {
    public static final String ID = "elevenlabs";
    static final String NAME = "ElevenLabs";
    /** Speed's range in voice_settings. */
    static final double MIN_SPEED = 0.7;
    static final double MAX_SPEED = 1.2;
    private static final Set<String> DIGRAPHS = Set.of("th", "ph", "wh");
    /** How much of the neighbouring pieces a request is told. */
    private static final int CONTEXT_CHARS = 300;

    private final ElevenLabsConfig config;
    private final ProviderHttp http;
    private final Secret key;
    private final AudioFormat format;

    /** The engine with the operator's key. */
    public ElevenLabsEngine(ElevenLabsConfig config, HttpClient client) {
        this(config, new ProviderHttp(client), config.key());
    }

    ElevenLabsEngine(ElevenLabsConfig config, ProviderHttp http, Secret key) {
        this.config = config;
        this.http = http;
        this.key = key;
        this.format = AudioFormat.elevenLabs(config.outputFormat());
    }

    /** {@code voice_settings} and the other per-request options; null members are left out. */
    record Options(Double stability, Double similarityBoost, Double style, Boolean useSpeakerBoost, Double speed,
                    Boolean applyTextNormalization, String languageCode, String modelId) {

        static Options of(CloudScript script, String defaultModel) {
            VoiceConfig vc = new VoiceConfig(script.voiceConfig());
            String language = script.language() == null ? null : script.language().strip();
            return new Options(vc.number(0, 1, "stability"), vc.number(0, 1, "similarity_boost"),
                    vc.number(0, 1, "style"), vc.bool("use_speaker_boost"),
                    vc.number(MIN_SPEED, MAX_SPEED, "speed", "rate"),
                    vc.bool("apply_language_text_normalization"),
                    language != null && language.matches("[a-z]{2}") ? language : null,
                    script.modelId() == null || script.modelId().isBlank() ? defaultModel : script.modelId().strip());
        }

        Options withSpeed(double factor) {
            if (factor == 1) {
                return this;
            }
            double s = Math.max(MIN_SPEED, Math.min(MAX_SPEED, (speed == null ? 1 : speed) * factor));
            return new Options(stability, similarityBoost, style, useSpeakerBoost, s, applyTextNormalization,
                    languageCode, modelId);
        }

        boolean hasVoiceSettings() {
            return stability != null || similarityBoost != null || style != null || useSpeakerBoost != null
                    || speed != null;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean hasCredentials() {
        return key != null;
    }

    @Override
    public ElevenLabsEngine withClientKeys(ClientKeys keys) {
        return keys == null || keys.elevenlabs() == null ? this : new ElevenLabsEngine(config, http, keys.elevenlabs());
    }

    @Override
    public Speech speak(CloudScript script) {
        String voice = requireVoice(script.voiceId(), ID, "21m00Tcm4TlvDq8ikWAM");
        String input = requireText(script.input());
        Options options = Options.of(script, config.modelId());
        if (script.ssml()) {
            Utterance utterance;
            try {
                utterance = SsmlParser.parse(input);
            } catch (InvalidSsmlException e) {
                throw new SpeechException(Cause.TEXT, "The SSML cannot be read: " + e.getMessage());
            }
            return requireSound(new UtteranceRenderer(runs(options)).speak(utterance, voice(voice), Prosody.NEUTRAL));
        }
        List<String> chunks = ScriptChunks.split(input, String::length, maxChars(options.modelId()));
        List<Speech> pieces = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            String previous = i == 0 ? null : tail(chunks.get(i - 1));
            String next = i + 1 == chunks.size() ? null : head(chunks.get(i + 1));
            pieces.add(request(chunks.get(i), voice, options, previous, next));
        }
        return requireSound(Timelines.concat(pieces));
    }

    @Override
    public Speech speak(String text, SpeechVoice voice, Prosody prosody) {
        Options options = new Options(null, null, null, null, null, null, null, config.modelId());
        return requireSound(request(requireText(text), voice.id(), options.withSpeed(prosody.rate()), null, null));
    }

    /** An engine speaking runs with {@code options}, each run's SSML rate scaling the speed. */
    private SpeechEngine runs(Options options) {
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
                return request(text, voice.id(), options.withSpeed(prosody.rate()), null, null);
            }
        };
    }

    /** Characters per request: eleven_v3 takes 3000, the v2 models 10 000 (the flash and turbo ones more). */
    static int maxChars(String model) {
        return model.startsWith("eleven_v3") ? 2_900 : 9_500;
    }

    private Speech request(String text, String voice, Options options, String previous, String next) {
        if (key == null) {
            throw noCredentials(NAME);
        }
        ObjectNode body = Json.object().put("text", text).put("model_id", options.modelId());
        if (options.hasVoiceSettings()) {
            ObjectNode vs = body.putObject("voice_settings");
            putIf(vs, "stability", options.stability());
            putIf(vs, "similarity_boost", options.similarityBoost());
            putIf(vs, "style", options.style());
            if (options.useSpeakerBoost() != null) {
                vs.put("use_speaker_boost", options.useSpeakerBoost());
            }
            putIf(vs, "speed", options.speed());
        }
        if (options.languageCode() != null) {
            body.put("language_code", options.languageCode());
        }
        if (options.applyTextNormalization() != null) {
            body.put("apply_language_text_normalization", options.applyTextNormalization());
        }
        if (previous != null) {
            body.put("previous_text", previous);
        }
        if (next != null) {
            body.put("next_text", next);
        }
        String voicePath = URLEncoder.encode(voice, StandardCharsets.UTF_8).replace("+", "%20");
        URI uri = Settings.at(config.endpoint(), "/v1/text-to-speech/" + voicePath + "/with-timestamps?output_format="
                + URLEncoder.encode(config.outputFormat(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("xi-api-key", key.reveal())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", ProviderHttp.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                .build();
        ProviderHttp.Answer answer = http.send(NAME, request);
        if (!answer.ok()) {
            throw error(answer);
        }
        JsonNode json = Json.read(answer.body(), NAME);
        String audio = Json.text(json, "audio_base64");
        if (audio == null) {
            throw new SpeechException(Cause.PROVIDER, NAME + " answered without audio_base64; try again later.");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(audio);
        } catch (IllegalArgumentException e) {
            throw new SpeechException(Cause.PROVIDER, NAME + " answered with audio_base64 that is not base64.");
        }
        Pcm pcm = ProviderAudio.decode(bytes, format, NAME);
        return timed(pcm, voice, json.path("alignment"));
    }

    /** The speech with ElevenLabs' character alignment as letter phones and words. */
    static Speech timed(Pcm pcm, String voice, JsonNode alignment) {
        JsonNode chars = alignment.path("characters");
        JsonNode startsNode = alignment.path("character_start_times_seconds");
        JsonNode endsNode = alignment.path("character_end_times_seconds");
        int n = Math.min(chars.size(), Math.min(startsNode.size(), endsNode.size()));
        List<String> names = new ArrayList<>(n);
        List<Double> starts = new ArrayList<>(n);
        List<Double> ends = new ArrayList<>(n);
        List<WordTiming> words = new ArrayList<>();
        double duration = pcm.durationSeconds();
        StringBuilder word = new StringBuilder();
        double wordStart = 0;
        double wordEnd = 0;
        for (int i = 0; i < n; i++) {
            String c = chars.get(i).asText();
            double start = startsNode.get(i).asDouble();
            double end = endsNode.get(i).asDouble();
            if (c.isEmpty() || Character.isWhitespace(c.codePointAt(0))) {
                addWord(words, word, wordStart, wordEnd, duration);
            } else {
                if (word.isEmpty()) {
                    wordStart = start;
                }
                word.append(c);
                wordEnd = end;
            }
            String pair = i + 1 < n ? c + chars.get(i + 1).asText() : "";
            if (DIGRAPHS.contains(pair.toLowerCase(Locale.ROOT))) {
                // The second letter is read once, here, and joins the word.
                word.append(chars.get(i + 1).asText());
                end = endsNode.get(i + 1).asDouble();
                wordEnd = end;
                c = pair;
                i++;
            }
            names.add(c);
            starts.add(start);
            ends.add(end);
        }
        addWord(words, word, wordStart, wordEnd, duration);
        List<PhonemeTiming> phones = Timelines.tile(names, toArray(starts), toArray(ends), duration, "_");
        return new Speech(pcm.samples(), pcm.sampleRate(), phones, voice, ID, PhoneSet.LETTERS, words);
    }

    private static void addWord(List<WordTiming> words, StringBuilder word, double start, double end,
                                double duration) {
        if (!word.isEmpty() && word.codePoints().anyMatch(Character::isLetterOrDigit)) {
            WordTiming w = Timelines.word(word.toString(), start, end, duration);
            if (w != null) {
                words.add(w);
            }
        }
        word.setLength(0);
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The account's voices ({@code GET /v1/voices}), premade and the account's own. */
    @Override
    public List<SpeechVoice> voices() {
        if (key == null) {
            return List.of();
        }
        HttpRequest request = HttpRequest.newBuilder(Settings.at(config.endpoint(), "/v1/voices"))
                .timeout(config.timeout())
                .header("xi-api-key", key.reveal())
                .header("Accept", "application/json")
                .header("User-Agent", ProviderHttp.USER_AGENT)
                .GET().build();
        ProviderHttp.Answer answer = http.send(NAME, request);
        if (!answer.ok()) {
            throw error(answer);
        }
        List<SpeechVoice> voices = new ArrayList<>();
        for (JsonNode v : Json.read(answer.body(), NAME).path("voices")) {
            String id = Json.text(v, "voice_id");
            if (id == null) {
                continue;
            }
            String name = Json.text(v, "name");
            // ElevenLabs voices speak many languages; the first verified one stands for them, else US English.
            String locale = Json.text(v.path("verified_languages").path(0), "locale");
            voices.add(new SpeechVoice(ID, id, name == null ? id : name, locale == null ? "en-US" : locale,
                    Gender.of(Json.text(v, "labels", "gender")), List.of()));
        }
        return List.copyOf(voices);
    }

    private SpeechException error(ProviderHttp.Answer answer) {
        JsonNode json = Json.tryRead(answer.body());
        JsonNode detail = json == null ? null : json.get("detail");
        String message = null;
        String status = "";
        if (detail != null && detail.isObject()) {
            message = Json.text(detail, "message");
            status = String.valueOf(Json.text(detail, "status"));
        } else if (detail != null && detail.isArray() && !detail.isEmpty()) {
            // FastAPI's validation errors: [{loc: [...], msg, type}].
            message = Json.text(detail.get(0), "msg");
            status = detail.get(0).path("loc").toString();
        } else if (detail != null && detail.isTextual()) {
            message = detail.asText();
        } else if (json == null) {
            message = answer.text();
        }
        String lower = (status + " " + message).toLowerCase(Locale.ROOT);
        Cause clientFault = lower.contains("voice") || lower.contains("model") ? Cause.VOICE : Cause.TEXT;
        return ProviderError.of(ProviderError.causeOf(answer.status(), clientFault), NAME, ID, answer.status(),
                message, List.of(key));
    }

    private static void putIf(ObjectNode node, String field, Double value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String tail(String text) {
        return text.length() <= CONTEXT_CHARS ? text : text.substring(text.length() - CONTEXT_CHARS);
    }

    private static String head(String text) {
        return text.length() <= CONTEXT_CHARS ? text : text.substring(0, CONTEXT_CHARS);
    }
}
