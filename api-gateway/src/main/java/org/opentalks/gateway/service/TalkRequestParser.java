package org.opentalks.gateway.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.drivers.DriverRef;
import org.opentalks.drivers.UnknownDriverException;
import org.opentalks.gateway.rest.ApiException;

/**
 * Turns a POST /talks body into a {@link TalkSpec}: the union of D-ID's current and legacy request
 * fields, with every default filled in. Anything invalid is a 400 ValidationError whose details name
 * the field by its request path ({@code body.script.input}), as D-ID answers.
 */
public final class TalkRequestParser {
    private static final Pattern IMAGE_URL =
            Pattern.compile("^(https?|s3)://\\S+\\.(jpe?g|png)([?#]\\S*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AUDIO_URL =
            Pattern.compile("^(https?|s3)://\\S+\\.(m4a|flac|mp3|mp4|wav)([?#]\\S*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DRIVER_URL = Pattern.compile("^(https?|s3|bank)://\\S+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RESULT_URL = Pattern.compile("^(https?|s3)://\\S+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern WEBHOOK = Pattern.compile("^https?://\\S+$", Pattern.CASE_INSENSITIVE);
    static final int MIN_INPUT = 3;
    static final int MAX_INPUT = 40_000;
    static final int MAX_USER_DATA = 1000;
    /** D-ID's {@code Dimension} cap for face boxes. */
    private static final int MAX_DIMENSION = 8000;

    private static final Set<String> BODY = Set.of("source_url", "driver_url", "script", "config", "face",
            "user_data", "name", "webhook", "result_url", "persist");
    private static final Set<String> TEXT_SCRIPT = Set.of("type", "input", "ssml", "subtitles", "provider");
    private static final Set<String> AUDIO_SCRIPT = Set.of("type", "audio_url", "subtitles", "reduce_noise");
    private static final Set<String> CONFIG = Set.of("stitch", "result_format", "fluent", "pad_audio", "logo",
            "driver_expressions", "align_driver", "align_expand_factor", "auto_match", "motion_factor",
            "normalization_factor", "sharpen");
    private static final List<String> RESULT_FORMATS = List.of("mp4", "mov", "gif");
    private static final List<String> EXPRESSIONS = List.of("neutral", "happy", "serious", "surprise");
    private static final List<String> OVERLAPS = List.of("NO", "PARTIAL", "YES", "UNKNOWN");
    /** D-ID's default voice when no provider is given. */
    static final TalkSpec.Provider DEFAULT_PROVIDER = TalkSpec.Provider.of("microsoft", "en-US-JennyNeural");
    /** D-ID's Amazon Polly voice enum. */
    private static final List<String> AMAZON_VOICES = List.of("Amy", "Aria", "Ayanda", "Bianca", "Brian", "Camila",
            "Emma", "Gabrielle", "Ivy", "Joanna", "Joey", "Justin", "Kendra", "Kevin", "Kimberly", "Léa", "Lea",
            "Lucia", "Lupe", "Matthew", "Olivia", "Salli", "Seoyeon", "Takumi", "Vicki");

    /** Each provider's own fields and {@code voice_config} keys. */
    private record ProviderShape(Set<String> fields, Set<String> voiceConfig, String defaultVoice) {
    }

    private static final Map<String, ProviderShape> PROVIDERS = Map.of(
            "microsoft", new ProviderShape(Set.of("type", "voice_id", "voice_config", "language"),
                    Set.of("style", "rate", "pitch"), null),
            "azure-openai", new ProviderShape(Set.of("type", "voice_id", "voice_config", "language"),
                    Set.of("style", "rate", "pitch"), null),
            "elevenlabs", new ProviderShape(Set.of("type", "voice_id", "voice_config", "model_id", "language"),
                    Set.of("stability", "similarity_boost", "rate", "style", "use_speaker_boost",
                            "apply_language_text_normalization"), "21m00Tcm4TlvDq8ikWAM"),
            "amazon", new ProviderShape(Set.of("type", "voice_id", "language"), Set.of(), null),
            "google", new ProviderShape(Set.of("type", "voice_id", "language"), Set.of(), "he-IL-Wavenet-A"),
            "afflorithmics", new ProviderShape(Set.of("type", "voice_id", "voice_config"),
                    Set.of("rate", "silencePadding", "voiceIntelligence"), null),
            // Beyond D-ID: a voice of this installation by its own id, as GET /tts/voices lists them.
            "espeak-ng", new ProviderShape(Set.of("type", "voice_id", "language"), Set.of(), null));

    private final List<String> httpHosts;
    private final String bucket;
    private final String owner;

    /**
     * @param httpHosts hosts that may be named over plain http (local use), normally none
     * @param bucket    the store's bucket, whose {@code s3://} URLs name uploads
     * @param owner     the caller: an {@code s3://} URL must name one of this owner's uploads
     */
    public TalkRequestParser(List<String> httpHosts, String bucket, String owner) {
        this.httpHosts = httpHosts;
        this.bucket = bucket;
        this.owner = owner;
    }

    public TalkSpec parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation("body", "the request body must be a JSON object");
        }
        JsonFields f = JsonFields.of(body, "body", BODY);
        String sourceUrl = url(f, "source_url", IMAGE_URL, true, "an https or s3 URL of a .jpg, .jpeg or .png image");
        String driverUrl = url(f, "driver_url", DRIVER_URL, false, "a bank://, https:// or s3:// URL");
        if (driverUrl != null) {
            driver(driverUrl);
        }
        if (!f.has("script")) {
            throw ApiException.validation("body.script", "'script' is required");
        }
        TalkSpec.Script script = script(f.node("script"));
        TalkSpec.TalkConfig config = f.has("config") ? config(f.node("config")) : TalkSpec.TalkConfig.DEFAULT;
        TalkSpec.Face face = f.has("face") ? face(f.node("face")) : null;
        String webhook = f.string("webhook");
        if (webhook != null && webhook.isEmpty()) {
            webhook = null; // D-ID: an empty webhook means none
        }
        if (webhook != null && (!WEBHOOK.matcher(webhook).matches() || !schemeAllowed(webhook))) {
            throw ApiException.validation("body.webhook", "must be an https URL");
        }
        String userData = f.string("user_data");
        if (userData != null && (userData.isBlank() || userData.length() > MAX_USER_DATA)) {
            throw ApiException.validation("body.user_data", "must be 1 to " + MAX_USER_DATA
                    + " characters, not only whitespace");
        }
        // A destination, not a source: any bucket of the client's may be named.
        String resultUrl = f.string("result_url");
        if (resultUrl != null && (!RESULT_URL.matcher(resultUrl).matches() || !schemeAllowed(resultUrl))) {
            throw ApiException.validation("body.result_url", "must be an https or s3 URL");
        }
        return new TalkSpec(sourceUrl, driverUrl, script, config, face, webhook, userData, f.string("name"),
                resultUrl, f.bool("persist", false));
    }

    private String url(JsonFields f, String field, Pattern pattern, boolean required, String expected) {
        String url = required ? f.requiredString(field) : f.string(field);
        if (url != null && (!pattern.matcher(url).matches() || !schemeAllowed(url))) {
            throw ApiException.validation(f.path(field), "must be " + expected);
        }
        if (url != null && url.regionMatches(true, 0, "s3://", 0, 5) && !ownUpload(url)) {
            // The same answer whether or not such an upload exists, so uploads cannot be probed.
            throw ApiException.validation(f.path(field), "must be an s3 URL of an upload made with this key");
        }
        return url;
    }

    private boolean ownUpload(String url) {
        String prefix = "s3://" + bucket + "/uploads/" + owner + "/";
        return url.startsWith(prefix) && !url.substring(prefix.length()).contains("..");
    }

    /** Plain http only for the configured local hosts; everything else https, s3 or bank. */
    private boolean schemeAllowed(String url) {
        if (!url.regionMatches(true, 0, "http://", 0, 7)) {
            return true;
        }
        try {
            return httpHosts.contains(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private TalkSpec.Script script(JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.validation("body.script", "must be an object");
        }
        JsonNode typeNode = node.get("type");
        String type = typeNode == null || typeNode.isNull() ? null : typeNode.asText();
        if (type == null) {
            throw ApiException.validation("body.script.type", "'type' is required");
        }
        return switch (type) {
            case TalkSpec.Script.TEXT -> textScript(JsonFields.of(node, "body.script", TEXT_SCRIPT));
            case TalkSpec.Script.AUDIO -> audioScript(JsonFields.of(node, "body.script", AUDIO_SCRIPT));
            default -> throw ApiException.validation("body.script.type", "must be one of: text, audio");
        };
    }

    private TalkSpec.Script textScript(JsonFields f) {
        String input = f.requiredString("input");
        if (input.length() < MIN_INPUT || input.length() > MAX_INPUT) {
            throw ApiException.validation("body.script.input",
                    "must be " + MIN_INPUT + " to " + MAX_INPUT + " characters");
        }
        TalkSpec.Provider provider = f.has("provider") ? provider(f.node("provider")) : DEFAULT_PROVIDER;
        return new TalkSpec.Script(TalkSpec.Script.TEXT, input, provider, f.bool("ssml", false),
                f.bool("subtitles", false), null, false);
    }

    private TalkSpec.Script audioScript(JsonFields f) {
        String audioUrl = url(f, "audio_url", AUDIO_URL, true,
                "an https or s3 URL of an .m4a, .flac, .mp3, .mp4 or .wav file");
        return new TalkSpec.Script(TalkSpec.Script.AUDIO, null, null, false, f.bool("subtitles", false), audioUrl,
                f.bool("reduce_noise", false));
    }

    private static TalkSpec.Provider provider(JsonNode node) {
        if (!node.isObject()) {
            throw ApiException.validation("body.script.provider", "must be an object");
        }
        JsonNode typeNode = node.get("type");
        String type = typeNode == null || !typeNode.isTextual() ? null : typeNode.asText();
        ProviderShape shape = type == null ? null : PROVIDERS.get(type);
        if (shape == null) {
            throw ApiException.validation("body.script.provider.type",
                    "must be one of: " + String.join(", ", PROVIDERS.keySet().stream().sorted().toList()));
        }
        JsonFields f = JsonFields.of(node, "body.script.provider", shape.fields());
        String voiceId = f.string("voice_id");
        if (voiceId == null) {
            voiceId = shape.defaultVoice();
        }
        if (voiceId == null || voiceId.isBlank()) {
            throw ApiException.validation("body.script.provider.voice_id", "'voice_id' is required");
        }
        if (type.equals("amazon") && !AMAZON_VOICES.contains(voiceId)) {
            throw ApiException.validation("body.script.provider.voice_id",
                    "must be one of: " + String.join(", ", AMAZON_VOICES));
        }
        Map<String, Object> voiceConfig = null;
        if (f.has("voice_config")) {
            JsonFields.of(f.node("voice_config"), "body.script.provider.voice_config", shape.voiceConfig());
            voiceConfig = Json.mapper().convertValue(f.node("voice_config"), new TypeReference<>() { });
        }
        String modelId = f.string("model_id");
        if (type.equals("elevenlabs") && modelId == null) {
            modelId = "eleven_multilingual_v2";
        }
        return new TalkSpec.Provider(type, voiceId, voiceConfig, modelId, f.string("language"));
    }

    private TalkSpec.TalkConfig config(JsonNode node) {
        JsonFields f = JsonFields.of(node, "body.config", CONFIG);
        TalkSpec.TalkConfig d = TalkSpec.TalkConfig.DEFAULT;
        String format = f.string("result_format");
        if (format != null) {
            format = format.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
            if (!RESULT_FORMATS.contains(format)) {
                throw ApiException.validation("body.config.result_format", "must be one of: mp4, mov, gif");
            }
        }
        return new TalkSpec.TalkConfig(
                f.bool("stitch", d.stitch()),
                format == null ? d.resultFormat() : format,
                f.bool("fluent", d.fluent()),
                f.number("pad_audio", d.padAudio(), 0, 60),
                f.has("logo") ? logo(f) : null,
                f.has("driver_expressions") ? expressions(f.node("driver_expressions")) : null,
                f.bool("align_driver", d.alignDriver()),
                f.number("align_expand_factor", d.alignExpandFactor(), 0, 2),
                f.bool("auto_match", d.autoMatch()),
                f.number("motion_factor", d.motionFactor(), 0, 10),
                f.number("normalization_factor", d.normalizationFactor(), 0, 1),
                f.bool("sharpen", d.sharpen()));
    }

    /**
     * Only the driver bank's motion drives faces here: an unknown bank, driver or variant, or a
     * driver video (D-ID's https or s3 driver), is refused at once with DriverError.
     */
    private static void driver(String driverUrl) {
        try {
            DriverRef.parse(driverUrl);
        } catch (UnknownDriverException e) {
            throw new ApiException(400, ErrorKind.DriverError.name(), e.getMessage(),
                    Map.of("driver_url", driverUrl));
        }
    }

    /** An overlay object, or the legacy boolean: {@code false} turns the logo off, {@code true} is the default. */
    private TalkSpec.Logo logo(JsonFields config) {
        JsonNode node = config.node("logo");
        if (node.isBoolean() || node.isTextual() && node.asText().matches("(?i)true|false")) {
            return config.bool("logo", true) ? null : TalkSpec.Logo.NONE;
        }
        JsonFields f = JsonFields.of(node, "body.config.logo", Set.of("url", "position"));
        String url = url(f, "url", IMAGE_URL, true, "an https or s3 URL of a .jpg, .jpeg or .png image");
        return new TalkSpec.Logo(url, f.integers("position", 2, -MAX_DIMENSION, MAX_DIMENSION));
    }

    private TalkSpec.DriverExpressions expressions(JsonNode node) {
        String path = "body.config.driver_expressions";
        JsonFields f = JsonFields.of(node, path, Set.of("expressions", "transition_frames"));
        JsonNode list = f.node("expressions");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw ApiException.validation(path + ".expressions", "must be a non-empty array");
        }
        List<TalkSpec.Expression> expressions = new ArrayList<>();
        int previousStart = -1;
        for (int i = 0; i < list.size(); i++) {
            JsonFields e = JsonFields.of(list.get(i), path + ".expressions[" + i + "]",
                    Set.of("start_frame", "expression", "intensity"));
            int start = e.requiredInteger("start_frame", 0, Integer.MAX_VALUE);
            if (start <= previousStart) {
                throw ApiException.validation(e.path("start_frame"), "must be after the previous expression's");
            }
            previousStart = start;
            String expression = e.oneOf("expression", EXPRESSIONS, null);
            if (expression == null) {
                throw ApiException.validation(e.path("expression"), "'expression' is required");
            }
            expressions.add(new TalkSpec.Expression(start, expression, e.number("intensity", 1, 0, 1)));
        }
        return new TalkSpec.DriverExpressions(expressions, f.integer("transition_frames", 0, 0, 10_000));
    }

    private static TalkSpec.Face face(JsonNode node) {
        JsonFields f = JsonFields.of(node, "body.face",
                Set.of("size", "top_left", "overlap", "face_id", "detect_confidence", "detection"));
        TalkSpec.Detection detection = null;
        if (f.has("detection")) {
            JsonFields d = JsonFields.of(f.node("detection"), "body.face.detection",
                    Set.of("top", "left", "bottom", "right"));
            detection = new TalkSpec.Detection(d.requiredInteger("top", 0, MAX_DIMENSION),
                    d.requiredInteger("left", 0, MAX_DIMENSION), d.requiredInteger("bottom", 0, MAX_DIMENSION),
                    d.requiredInteger("right", 0, MAX_DIMENSION));
        }
        return new TalkSpec.Face(f.requiredInteger("size", 0, MAX_DIMENSION),
                f.integers("top_left", 2, -MAX_DIMENSION, MAX_DIMENSION), f.oneOf("overlap", OVERLAPS, null),
                f.string("face_id"), f.has("detect_confidence") ? f.number("detect_confidence", 0, 0, 1) : null,
                detection);
    }
}
