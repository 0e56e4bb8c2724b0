package org.opentalks.speech.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.opentalks.speech.Gender;
import org.opentalks.speech.PhoneSet;
import org.opentalks.speech.PhonemeTiming;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.Prosody;
import org.opentalks.speech.Speech;
import org.opentalks.speech.SpeechException;
import org.opentalks.speech.SpeechException.Cause;
import org.opentalks.speech.SpeechVoice;
import org.opentalks.speech.WordTiming;

/**
 * Amazon Polly over its REST API (Amazon Polly API reference, "SynthesizeSpeech": {@code POST /v1/speech} with a
 * JSON body of {@code Text}, {@code TextType}, {@code VoiceId}, {@code OutputFormat}, {@code SampleRate} and
 * {@code Engine}, signed with AWS Signature Version 4 for the service {@code polly}), D-ID's {@code amazon}
 * provider. Each piece of script is asked for twice at once: as 16 kHz PCM, and as speech marks
 * ({@code OutputFormat: json}, {@code SpeechMarkTypes: [viseme, word]}: one JSON object per line, its time in
 * milliseconds), which give the phones ({@link PhoneSet#POLLY_VISEME}, each lasting until the next mark) and the
 * words (each ending at the silence after it).
 *
 * <p>SSML scripts are sent whole as {@code TextType: ssml} (wrapped in {@code <speak>} if they are a fragment);
 * plain text over {@value #MAX_CHARS} characters goes in pieces of whole sentences, as a request takes at most
 * 3000. The engine ({@code neural} by default) is the operator's choice; a voice the engine lacks is a VOICE
 * error naming it.
 */
public final class PollyEngine extends CloudSpeechEngine {
    public static final String ID = "amazon";
    static final String NAME = "Amazon Polly";
    static final int MAX_CHARS = 2_900;
    static final int SAMPLE_RATE = 16_000;
    private static final String JSON_TYPE = "application/json";

    private final PollyConfig config;
    private final ProviderHttp http;
    private final AwsCredentials credentials;
    /** The client's keys' region; null for the configured one. */
    private final String keyRegion;
    private final Clock clock;

    /** The engine with the operator's keys. */
    public PollyEngine(PollyConfig config, HttpClient client) {
        this(config, new ProviderHttp(client), config.credentials(), null, Clock.systemUTC());
    }

    PollyEngine(PollyConfig config, ProviderHttp http, AwsCredentials credentials, String keyRegion, Clock clock) {
        this.config = config;
        this.http = http;
        this.credentials = credentials;
        this.keyRegion = keyRegion;
        this.clock = clock;
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
    public PollyEngine withClientKeys(ClientKeys keys) {
        ClientKeys.AwsKey client = keys == null ? null : keys.amazon();
        return client == null ? this : new PollyEngine(config, http, client.credentials(), client.region(), clock);
    }

    private String region() {
        return keyRegion == null ? config.region() : keyRegion;
    }

    @Override
    public Speech speak(CloudScript script) {
        String voice = requireVoice(script.voiceId(), ID, "Joanna");
        String input = requireText(script.input());
        String language = script.language() != null && script.language().strip().matches("[a-z]{2,3}-[A-Z]{2}")
                ? script.language().strip() : null;
        List<Speech> pieces = new ArrayList<>();
        if (script.ssml()) {
            pieces.add(synthesize(ssmlDocument(input), "ssml", voice, language));
        } else {
            for (String chunk : ScriptChunks.split(input, String::length, MAX_CHARS)) {
                pieces.add(synthesize(chunk, "text", voice, language));
            }
        }
        return requireSound(Timelines.concat(pieces));
    }

    @Override
    public Speech speak(String text, SpeechVoice voice, Prosody prosody) {
        requireText(text);
        if (prosody.rate() == 1 && (prosody.pitchSemitones() == 0 || !config.engine().equals("standard"))) {
            return requireSound(synthesize(text, "text", voice.id(), null));
        }
        // Polly's rate is a percentage of the voice's (20–200 %); only the standard engine shifts pitch.
        StringBuilder ssml = new StringBuilder("<speak><prosody rate=\"")
                .append(Math.round(Math.max(20, Math.min(200, prosody.rate() * 100)))).append("%\"");
        if (config.engine().equals("standard") && prosody.pitchSemitones() != 0) {
            double percent = (prosody.pitchFactor() - 1) * 100;
            ssml.append(String.format(Locale.ROOT, " pitch=\"%+.0f%%\"", Math.max(-33, Math.min(50, percent))));
        }
        ssml.append('>').append(Xml.escape(text)).append("</prosody></speak>");
        return requireSound(synthesize(ssml.toString(), "ssml", voice.id(), null));
    }

    /** The client's SSML as Polly takes it: one {@code <speak>} root; checked to be well-formed first. */
    static String ssmlDocument(String input) {
        String document = "<speak>" + Xml.speakContent(input) + "</speak>";
        // Polly's own elements (amazon:effect, amazon:domain) come without a namespace declaration.
        Xml.parse(document, false);
        return document;
    }

    private Speech synthesize(String text, String textType, String voice, String language) {
        if (credentials == null) {
            throw noCredentials(NAME);
        }
        ObjectNode audio = request(text, textType, voice, language).put("OutputFormat", "pcm")
                .put("SampleRate", String.valueOf(SAMPLE_RATE));
        ObjectNode marks = request(text, textType, voice, language).put("OutputFormat", "json");
        marks.putArray("SpeechMarkTypes").add("viseme").add("word");
        CompletableFuture<ProviderHttp.Answer> audioAnswer = http.sendAsync(NAME, post(audio));
        CompletableFuture<ProviderHttp.Answer> marksAnswer = http.sendAsync(NAME, post(marks));
        ProviderHttp.Answer sound = await(audioAnswer);
        if (!sound.ok()) {
            marksAnswer.cancel(true);
            throw error(sound);
        }
        ProviderHttp.Answer timing = await(marksAnswer);
        if (!timing.ok()) {
            throw error(timing);
        }
        return timed(ProviderAudio.rawPcm(sound.body(), SAMPLE_RATE), voice, timing.text());
    }

    private ObjectNode request(String text, String textType, String voice, String language) {
        ObjectNode body = Json.object().put("Engine", config.engine()).put("Text", text).put("TextType", textType)
                .put("VoiceId", voice);
        if (language != null) {
            body.put("LanguageCode", language);
        }
        return body;
    }

    private HttpRequest post(ObjectNode body) {
        URI uri = Settings.at(config.base(keyRegion), "/v1/speech");
        byte[] bytes = Json.bytes(body);
        AwsSigV4.Signed signed = AwsSigV4.sign("POST", uri, Map.of("Content-Type", JSON_TYPE), bytes, credentials,
                region(), "polly", clock.instant());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                .header("Content-Type", JSON_TYPE)
                .header("User-Agent", ProviderHttp.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.headers().forEach(request::header);
        return request.build();
    }

    private static ProviderHttp.Answer await(CompletableFuture<ProviderHttp.Answer> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SpeechException s) {
                throw s;
            }
            throw new SpeechException(Cause.PROVIDER, NAME + " could not be asked: "
                    + e.getCause().getClass().getSimpleName() + ".");
        }
    }

    /** The speech with Polly's marks: visemes as phones, words ending where their sound does. */
    static Speech timed(Pcm pcm, String voice, String marks) {
        List<String> visemes = new ArrayList<>();
        List<Double> visemeTimes = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<Double> wordTimes = new ArrayList<>();
        for (String line : marks.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode mark = Json.tryRead(line.getBytes(StandardCharsets.UTF_8));
            if (mark == null || !mark.isObject()) {
                throw new SpeechException(Cause.PROVIDER, NAME + " answered with speech marks that are not JSON "
                        + "lines; try again later.");
            }
            String type = Json.text(mark, "type");
            String value = Json.text(mark, "value");
            double time = mark.path("time").asDouble() / 1000;
            if ("viseme".equals(type) && value != null) {
                visemes.add(value);
                visemeTimes.add(time);
            } else if ("word".equals(type) && value != null) {
                words.add(value);
                wordTimes.add(time);
            }
        }
        double duration = pcm.durationSeconds();
        List<PhonemeTiming> phones = Timelines.tile(visemes, visemeTimes.stream().mapToDouble(d -> d).toArray(), null,
                duration, "sil");
        List<WordTiming> timedWords = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            double start = wordTimes.get(i);
            double limit = i + 1 < words.size() ? wordTimes.get(i + 1) : duration;
            // The word's sound ends at the first silence mark after it, and surely where the sound does.
            for (int v = 0; v < visemes.size(); v++) {
                if (visemes.get(v).equals("sil") && visemeTimes.get(v) > start && visemeTimes.get(v) < limit) {
                    limit = visemeTimes.get(v);
                    break;
                }
            }
            double end = Timelines.voicedEnd(pcm.samples(), pcm.sampleRate(), start, limit);
            WordTiming w = Timelines.word(words.get(i), start, end, duration);
            if (w != null) {
                timedWords.add(w);
            }
        }
        return new Speech(pcm.samples(), pcm.sampleRate(), phones, voice, ID, PhoneSet.POLLY_VISEME, timedWords);
    }

    /** Polly's voices for the configured engine ({@code GET /v1/voices?Engine=…}), every page. */
    @Override
    public List<SpeechVoice> voices() {
        if (credentials == null) {
            return List.of();
        }
        List<SpeechVoice> voices = new ArrayList<>();
        String next = null;
        for (int page = 0; page < 50; page++) {
            String query = "?Engine=" + config.engine()
                    + (next == null ? "" : "&NextToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            URI uri = Settings.at(config.base(keyRegion), "/v1/voices" + query);
            AwsSigV4.Signed signed = AwsSigV4.sign("GET", uri, Map.of(), new byte[0], credentials, region(), "polly",
                    clock.instant());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout())
                    .header("User-Agent", ProviderHttp.USER_AGENT).GET();
            signed.headers().forEach(request::header);
            ProviderHttp.Answer answer = http.send(NAME, request.build());
            if (!answer.ok()) {
                throw error(answer);
            }
            JsonNode json = Json.read(answer.body(), NAME);
            for (JsonNode v : json.path("Voices")) {
                String id = Json.text(v, "Id");
                if (id != null) {
                    String name = Json.text(v, "Name");
                    String locale = Json.text(v, "LanguageCode");
                    voices.add(new SpeechVoice(ID, id, name == null ? id : name, locale == null ? "en-US" : locale,
                            Gender.of(Json.text(v, "Gender")), List.of()));
                }
            }
            next = Json.text(json, "NextToken");
            if (next == null || next.isEmpty()) {
                break;
            }
        }
        return List.copyOf(voices);
    }

    private SpeechException error(ProviderHttp.Answer answer) {
        JsonNode json = Json.tryRead(answer.body());
        String message = json == null ? answer.text()
                : Json.text(json, "message") != null ? Json.text(json, "message") : Json.text(json, "Message");
        String type = answer.headers().firstValue("x-amzn-ErrorType")
                .orElse(json == null ? "" : String.valueOf(Json.text(json, "__type")));
        // "InvalidSsmlException:http://internal…" or "com.amazonaws.polly#InvalidSsmlException".
        type = type.replaceFirst(":.*", "").replaceFirst(".*#", "");
        if (message == null || message.isBlank()) {
            message = type;
        }
        String lower = (type + " " + message).toLowerCase(Locale.ROOT);
        Cause cause;
        if (lower.contains("throttl")) {
            cause = Cause.PROVIDER;
        } else if (lower.contains("unrecognizedclient") || lower.contains("signature") || lower.contains("accessdenied")
                || lower.contains("expiredtoken") || lower.contains("invalidclienttokenid")) {
            cause = Cause.CREDENTIALS;
        } else {
            Cause clientFault = lower.contains("enginenotsupported") || lower.contains("languagenotsupported")
                    || lower.contains("lexiconnotfound") || lower.contains("voiceid") ? Cause.VOICE : Cause.TEXT;
            cause = ProviderError.causeOf(answer.status(), clientFault);
        }
        return ProviderError.of(cause, NAME, ID, answer.status(), message, secrets());
    }

    private List<Secret> secrets() {
        List<Secret> s = new ArrayList<>(List.of(credentials.accessKeyId(), credentials.secretAccessKey()));
        if (credentials.sessionToken() != null) {
            s.add(credentials.sessionToken());
        }
        return s;
    }
}
