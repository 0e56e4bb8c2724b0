package org.opentalks.gateway.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /talks}: the union of D-ID's current and legacy request fields, as typed
 * records. This is the one description of the request: the gateway reads bodies into it
 * ({@link RequestReader}), validates it in one step ({@link TalkRequestValidator}), and the OpenAPI
 * document's request schemas are generated from it ({@link RequestSchemas}). Fields are snake_case on
 * the wire. Unknown fields are ignored (and named in a response header), as D-ID ignores them;
 * absent optional fields are null here and take D-ID's defaults when the talk is built.
 */
@Schema(name = "CreateTalkRequest", description = "The union of D-ID's current and legacy fields. Unknown fields "
        + "are ignored, as D-ID ignores them, and named in the `OpenTalks-Ignored-Fields` response header.")
public record TalkRequest(
        @Schema(description = "The photo to animate: an `s3://` URL from `POST /images` or an https URL of a .jpg, "
                + ".jpeg or .png (case-insensitive, optional query or fragment). Plain http only for hosts in "
                + "`opentalks.fetch.allow-http-hosts`.",
                example = "s3://opentalks/uploads/local/img_Yx3kP9qLm2Vn8Rt5Wc7Bd/portrait.jpg")
        @NotNull(message = "'source_url' is required")
        @Pattern(regexp = IMAGE_URL, message = "must be an https or s3 URL of a .jpg, .jpeg or .png image")
        String sourceUrl,

        @Schema(deprecated = true, example = "bank://lively/", description = "The driver bank's motion, "
                + "`bank://family[/driver-NN[/variant]]`: families `lively` (driver-01 to driver-06), `subtle` and "
                + "`natural` (driver-01 to driver-04), variants `original` and `flipped`; parts left out are chosen "
                + "to suit the photo's pose when `config.auto_match` is true. Default `bank://lively`. An unknown "
                + "bank, driver or variant, or a driver video (https or s3), is answered 400 `DriverError`.")
        @Pattern(regexp = DRIVER_URL, message = "must be a bank://, https:// or s3:// URL")
        String driverUrl,

        @Schema(description = "What the face says, discriminated by `type`.")
        @NotNull(message = "'script' is required") @Valid
        Script script,

        @Valid
        TalkConfig config,

        @Valid
        Face face,

        @Schema(description = "Echoed in the talk object and the webhook. Not only whitespace.")
        @Size(min = 1, max = 1000, message = "must be 1 to 1000 characters")
        @Pattern(regexp = NOT_ONLY_WHITESPACE, message = "must not be only whitespace")
        String userData,

        @Schema(description = "A display name, echoed in the talk object.")
        String name,

        @Schema(example = "https://example.com/hooks/talks", description = "https URL to POST the finished talk "
                + "to. Empty means none. Checked at once with the fetcher's address policy (no private, loopback, "
                + "link-local or metadata addresses, in any spelling); plain http only for hosts in "
                + "`opentalks.fetch.allow-http-hosts`.")
        @Pattern(regexp = WEBHOOK_URL, message = "must be an https URL")
        String webhook,

        @Schema(description = "An https or s3 URL. Validated and stored; this version does not deliver the video "
                + "there (`result_url` in the talk object points at OpenTalks media).")
        @Pattern(regexp = ANY_URL, message = "must be an https or s3 URL")
        String resultUrl,

        @Schema(deprecated = true, defaultValue = "false",
                description = "Give the talk's media links no expiry. Needs the `persist` feature (else 403).")
        Boolean persist) {

    /**
     * The characters a URL may hold here: no whitespace and no control characters. The patterns are
     * written without inline flags (case by character classes) so that JSON Schema can use them as they are.
     */
    private static final String URL_CHARS = "[^\\s\\x00-\\x1f\\x7f]";
    /** https, http or s3 URL of a .jpg, .jpeg or .png, with an optional query or fragment. */
    static final String IMAGE_URL = "^([Hh][Tt][Tt][Pp][Ss]?|[Ss]3)://" + URL_CHARS
            + "+\\.([Jj][Pp][Ee]?[Gg]|[Pp][Nn][Gg])([?#]" + URL_CHARS + "*)?$";
    static final String AUDIO_URL = "^([Hh][Tt][Tt][Pp][Ss]?|[Ss]3)://" + URL_CHARS + "+\\.([Mm]4[Aa]|[Ff][Ll][Aa][Cc]"
            + "|[Mm][Pp]3|[Mm][Pp]4|[Ww][Aa][Vv])([?#]" + URL_CHARS + "*)?$";
    static final String DRIVER_URL = "^([Hh][Tt][Tt][Pp][Ss]?|[Ss]3|[Bb][Aa][Nn][Kk])://" + URL_CHARS + "+$";
    static final String ANY_URL = "^([Hh][Tt][Tt][Pp][Ss]?|[Ss]3)://" + URL_CHARS + "+$";
    /** Empty (no webhook, as D-ID says) or an http(s) URL. */
    static final String WEBHOOK_URL = "^$|^[Hh][Tt][Tt][Pp][Ss]?://" + URL_CHARS + "+$";
    static final String NOT_ONLY_WHITESPACE = "^[\\s\\S]*\\S[\\s\\S]*$";

    /** {@code script}: a text to speak or a recording. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
            visible = true)
    @JsonSubTypes({@JsonSubTypes.Type(value = TextScript.class, name = "text"),
            @JsonSubTypes.Type(value = AudioScript.class, name = "audio")})
    public sealed interface Script permits TextScript, AudioScript {
        Boolean subtitles();
    }

    @Schema(name = "TextScript")
    public record TextScript(
            String type,

            @Schema(description = "The text, or SSML when `ssml` is true (length counted with tags); an SSML "
                    + "fragment without `<speak>` is accepted.")
            @NotNull(message = "'input' is required")
            @Size(min = 3, max = 40_000, message = "must be 3 to 40000 characters")
            String input,

            @Schema(description = "`input` is SSML.", defaultValue = "false")
            Boolean ssml,

            @Schema(description = "Needs the `subtitles` feature (else 403).", defaultValue = "false")
            Boolean subtitles,

            @Schema(description = "The voice; default `{type: microsoft, voice_id: en-US-JennyNeural}`. `voice_id` "
                    + "may be any `id` or `name` that `GET /tts/voices` lists (case-insensitive).")
            @Valid
            Provider provider) implements Script {
    }

    @Schema(name = "AudioScript")
    public record AudioScript(
            String type,

            @Schema(example = "s3://opentalks/uploads/local/Qh7Lz2Xc9Vb4Nm1Kj8Hg5/greeting.wav",
                    description = "An `s3://` URL from `POST /audios`, or an https URL of an .m4a, .flac, .mp3, "
                            + ".mp4 or .wav file (case-insensitive, optional query or fragment); at most 10 minutes.")
            @NotNull(message = "'audio_url' is required")
            @Pattern(regexp = AUDIO_URL,
                    message = "must be an https or s3 URL of an .m4a, .flac, .mp3, .mp4 or .wav file")
            String audioUrl,

            @Schema(description = "Needs the `subtitles` feature (else 403).", defaultValue = "false")
            Boolean subtitles,

            @Schema(deprecated = true, defaultValue = "false",
                    description = "Apply noise reduction to the recording before lip-sync.")
            Boolean reduceNoise) implements Script {
    }

    /** {@code script.provider}: the voice, discriminated by {@code type}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
            visible = true)
    @JsonSubTypes({@JsonSubTypes.Type(value = MicrosoftProvider.class, names = {"microsoft", "azure-openai"}),
            @JsonSubTypes.Type(value = ElevenLabsProvider.class, name = "elevenlabs"),
            @JsonSubTypes.Type(value = AmazonProvider.class, name = "amazon"),
            @JsonSubTypes.Type(value = GoogleProvider.class, name = "google"),
            @JsonSubTypes.Type(value = AfflorithmicsProvider.class, name = "afflorithmics"),
            @JsonSubTypes.Type(value = LocalProvider.class, names = {"espeak-ng", "flite", "festival", "piper"})})
    public sealed interface Provider
            permits MicrosoftProvider, ElevenLabsProvider, AmazonProvider, GoogleProvider, AfflorithmicsProvider,
            LocalProvider {
        String type();

        String voiceId();

        default String language() {
            return null;
        }

        default String modelId() {
            return null;
        }

        /** The {@code voice_config} as sent, without absent keys; null when there is none. */
        default Map<String, Object> voiceSettings() {
            return null;
        }
    }

    @Schema(name = "MicrosoftProvider", description = "Microsoft Azure Speech voices; `azure-openai` takes the same "
            + "fields.")
    public record MicrosoftProvider(
            String type,
            @Schema(example = "en-US-JennyNeural")
            @NotBlank(message = "'voice_id' is required")
            String voiceId,
            @Valid
            MicrosoftVoiceConfig voiceConfig,
            @Schema(example = "English (United States)")
            String language) implements Provider {

        @Override
        public Map<String, Object> voiceSettings() {
            return voiceConfig == null ? null
                    : entries("style", voiceConfig.style(), "rate", voiceConfig.rate(), "pitch", voiceConfig.pitch());
        }
    }

    @Schema(name = "MicrosoftVoiceConfig")
    public record MicrosoftVoiceConfig(
            @Schema(example = "Cheerful")
            String style,
            @Schema(description = "Relative number (e.g. \"0.5\") or x-slow|slow|medium|fast|x-fast.")
            @JsonDeserialize(using = LenientScalars.TextOrNumber.class)
            String rate,
            @Schema(description = "Hz, relative Hz or semitones (e.g. \"+2st\"), or x-low|low|medium|high|x-high.")
            @JsonDeserialize(using = LenientScalars.TextOrNumber.class)
            String pitch) {
    }

    @Schema(name = "ElevenLabsProvider")
    public record ElevenLabsProvider(
            String type,
            @Schema(defaultValue = ELEVENLABS_VOICE)
            String voiceId,
            @Schema(defaultValue = ELEVENLABS_MODEL)
            String modelId,
            @Valid
            ElevenLabsVoiceConfig voiceConfig,
            String language) implements Provider {

        @Override
        public Map<String, Object> voiceSettings() {
            ElevenLabsVoiceConfig c = voiceConfig;
            return c == null ? null : entries("stability", c.stability(), "similarity_boost", c.similarityBoost(),
                    "rate", c.rate(), "style", c.style(), "use_speaker_boost", c.useSpeakerBoost(),
                    "apply_language_text_normalization", c.applyLanguageTextNormalization());
        }
    }

    @Schema(name = "ElevenLabsVoiceConfig")
    public record ElevenLabsVoiceConfig(
            @NumberRange(min = 0, max = 1) Double stability,
            @NumberRange(min = 0, max = 1) Double similarityBoost,
            @Schema(description = "0.7–1.2 as a string.")
            @JsonDeserialize(using = LenientScalars.TextOrNumber.class)
            String rate,
            @Schema(description = "0–1 as a string.")
            @JsonDeserialize(using = LenientScalars.TextOrNumber.class)
            String style,
            Boolean useSpeakerBoost,
            Boolean applyLanguageTextNormalization) {
    }

    @Schema(name = "AmazonProvider")
    public record AmazonProvider(
            String type,
            @NotBlank(message = "'voice_id' is required")
            @OneOf({"Amy", "Aria", "Ayanda", "Bianca", "Brian", "Camila", "Emma", "Gabrielle", "Ivy", "Joanna",
                    "Joey", "Justin", "Kendra", "Kevin", "Kimberly", "Léa", "Lea", "Lucia", "Lupe", "Matthew", "Olivia",
                    "Salli", "Seoyeon", "Takumi", "Vicki"})
            String voiceId,
            String language) implements Provider {
    }

    @Schema(name = "GoogleProvider")
    public record GoogleProvider(
            String type,
            @Schema(defaultValue = GOOGLE_VOICE)
            String voiceId,
            String language) implements Provider {
    }

    @Schema(name = "AfflorithmicsProvider", deprecated = true)
    public record AfflorithmicsProvider(
            String type,
            @NotBlank(message = "'voice_id' is required")
            String voiceId,
            AfflorithmicsVoiceConfig voiceConfig) implements Provider {

        @Override
        public Map<String, Object> voiceSettings() {
            AfflorithmicsVoiceConfig c = voiceConfig;
            return c == null ? null : entries("rate", c.rate(), "silencePadding", c.silencePadding(),
                    "voiceIntelligence", c.voiceIntelligence());
        }
    }

    /** Afflorithmics' own camelCase keys; values are passed on as sent. */
    @Schema(name = "AfflorithmicsVoiceConfig")
    public record AfflorithmicsVoiceConfig(
            Object rate,
            @JsonProperty("silencePadding") Object silencePadding,
            @JsonProperty("voiceIntelligence") Object voiceIntelligence) {
    }

    @Schema(name = "LocalProvider", description = "Beyond D-ID. A voice of an engine installed here (`espeak-ng`, "
            + "`flite`, `festival`, `piper`) by an `id` or `name` that `GET /tts/voices?provider=<engine>` lists.")
    public record LocalProvider(
            String type,
            @Schema(example = "en-us")
            @NotBlank(message = "'voice_id' is required")
            String voiceId,
            String language) implements Provider {
    }

    @Schema(name = "TalkConfig", description = "Advanced options; every omitted knob takes its default (echoed in the "
            + "talk object's `config`).")
    public record TalkConfig(
            @Schema(defaultValue = "false", description = "Composite the animated crop back into the full photo (long "
                    + "side at most 1280). Needs the `stitch` feature (else 403).")
            Boolean stitch,
            @Schema(defaultValue = "mp4", description = "mp4, mov or gif; case-insensitive, an optional leading dot "
                    + "is accepted.")
            @Pattern(regexp = "^\\.?([Mm][Pp]4|[Mm][Oo][Vv]|[Gg][Ii][Ff])$", message = "must be one of: mp4, mov, gif")
            String resultFormat,
            @Schema(deprecated = true, defaultValue = "false")
            Boolean fluent,
            @Schema(defaultValue = "0", description = "Seconds of silence appended to the speech.")
            @NumberRange(min = 0, max = 60)
            Double padAudio,
            @Schema(description = "An overlay image (needs the `logo` feature, else 403), or a boolean: `false` turns "
                    + "the logo off, `true` is the same as absent (no logo).")
            @Valid
            Logo logo,
            @Valid
            DriverExpressions driverExpressions,
            @Schema(deprecated = true, defaultValue = "true")
            Boolean alignDriver,
            @Schema(deprecated = true, defaultValue = "0.3")
            @NumberRange(min = 0, max = 2)
            Double alignExpandFactor,
            @Schema(deprecated = true, defaultValue = "true")
            Boolean autoMatch,
            @Schema(deprecated = true, defaultValue = "1")
            @NumberRange(min = 0, max = 10)
            Double motionFactor,
            @Schema(deprecated = true, defaultValue = "1")
            @NumberRange(min = 0, max = 1)
            Double normalizationFactor,
            @Schema(deprecated = true, defaultValue = "true")
            Boolean sharpen,
            @Schema(defaultValue = "false", description = "Beyond D-ID: with `script.subtitles`, also draw the "
                    + "subtitles into the picture (bottom centre, white on a dark box).")
            Boolean subtitlesBurn) {
    }

    /** {@code config.logo}: an overlay, or the legacy boolean. */
    @JsonDeserialize(using = LogoDeserializer.class)
    public sealed interface Logo permits LogoOverlay, LogoSwitch {
    }

    @Schema(name = "LogoOverlay")
    @JsonDeserialize(using = JsonDeserializer.None.class)
    public record LogoOverlay(
            @Schema(description = "https or s3 URL of a .jpg, .jpeg or .png.")
            @NotNull(message = "'url' is required")
            @Pattern(regexp = IMAGE_URL, message = "must be an https or s3 URL of a .jpg, .jpeg or .png image")
            String url,
            @Schema(description = "[x, y] in pixels from the top-left; negative values count from the far edge.")
            @NotNull(message = "'position' is required")
            @Size(min = 2, max = 2, message = "must be an array of 2 integers")
            List<@NotNull(message = "must be an integer") @NumberRange(min = -MAX_DIMENSION, max = MAX_DIMENSION)
                    Integer> position) implements Logo {
    }

    /** {@code logo: true} (the same as absent) or {@code logo: false} (no logo). */
    @Schema(ref = RequestSchemas.BOOLISH)
    public record LogoSwitch(boolean on) implements Logo {
    }

    @Schema(name = "DriverExpressions")
    public record DriverExpressions(
            @Schema(description = "Each expression lasts until the next one starts; `start_frame` must increase "
                    + "strictly.")
            @NotEmpty(message = "must be a non-empty array")
            List<@NotNull(message = "must be an object") @Valid Expression> expressions,
            @Schema(defaultValue = "0")
            @NumberRange(min = 0, max = 10_000)
            Integer transitionFrames) {
    }

    @Schema(name = "Expression")
    public record Expression(
            @Schema(description = "Output frame (25 fps) where the expression starts.")
            @NotNull(message = "'start_frame' is required")
            @NumberRange(min = 0, max = Integer.MAX_VALUE)
            Integer startFrame,
            @NotNull(message = "'expression' is required")
            @OneOf({"neutral", "happy", "serious", "surprise"})
            String expression,
            @Schema(defaultValue = "1")
            @NumberRange(min = 0, max = 1)
            Double intensity) {
    }

    @Schema(name = "FaceRequest", deprecated = true, description = "A square crop choosing the face to animate. "
            + "Validated and echoed in the request only; the face is detected automatically.")
    public record Face(
            @NotNull(message = "'size' is required")
            @NumberRange(min = 0, max = MAX_DIMENSION)
            Integer size,
            @NotNull(message = "'top_left' is required")
            @Size(min = 2, max = 2, message = "must be an array of 2 integers")
            List<@NotNull(message = "must be an integer") @NumberRange(min = -MAX_DIMENSION, max = MAX_DIMENSION)
                    Integer> topLeft,
            @OneOf({"NO", "PARTIAL", "YES", "UNKNOWN"})
            String overlap,
            String faceId,
            @NumberRange(min = 0, max = 1)
            Double detectConfidence,
            @Valid
            Detection detection) {
    }

    @Schema(name = "FaceDetection")
    public record Detection(
            @NotNull(message = "'top' is required") @NumberRange(min = 0, max = MAX_DIMENSION) Integer top,
            @NotNull(message = "'left' is required") @NumberRange(min = 0, max = MAX_DIMENSION) Integer left,
            @NotNull(message = "'bottom' is required") @NumberRange(min = 0, max = MAX_DIMENSION) Integer bottom,
            @NotNull(message = "'right' is required") @NumberRange(min = 0, max = MAX_DIMENSION) Integer right) {
    }

    /** D-ID's {@code Dimension} cap for face boxes and positions. */
    static final int MAX_DIMENSION = 8000;
    static final String ELEVENLABS_VOICE = "21m00Tcm4TlvDq8ikWAM";
    static final String ELEVENLABS_MODEL = "eleven_multilingual_v2";
    static final String GOOGLE_VOICE = "he-IL-Wavenet-A";

    /** The non-null values under their wire names, in the given order; null when none is set. */
    private static Map<String, Object> entries(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                out.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return out.isEmpty() ? null : out;
    }
}
