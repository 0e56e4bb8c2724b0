package org.opentalks.contract.event;

import java.util.List;
import java.util.Map;

/**
 * What the client asked for in POST /talks: every field of D-ID's request (current and legacy),
 * validated and normalised by the gateway and carried through the pipeline, so each stage honours
 * its part and nothing the client sent is dropped.
 *
 * @param sourceUrl the photo: an {@code s3://} upload URL or an https URL
 * @param driverUrl the requested driver ({@code bank://…}, https or s3), or null for the default
 * @param face      the legacy face square choosing which face to animate, or null to detect it
 * @param resultUrl where the client wants the video delivered, or null for our own storage
 * @param persist   keep the media without expiry: their URLs are handed out without an end date
 */
public record TalkSpec(String sourceUrl, String driverUrl, Script script, TalkConfig config, Face face,
                       String webhook, String userData, String name, String resultUrl, boolean persist) {

    public TalkSpec {
        config = config == null ? TalkConfig.DEFAULT : config;
    }

    /** A talk with only the required parts (tests, the launcher's sample). */
    public static TalkSpec of(String sourceUrl, Script script, TalkConfig config) {
        return new TalkSpec(sourceUrl, null, script, config, null, null, null, null, null, false);
    }

    /**
     * The text or audio to speak.
     *
     * @param type        {@code text} or {@code audio}
     * @param input       the text (text scripts)
     * @param audioUrl    the recording (audio scripts): an https URL or an {@code s3://} upload from POST /audios
     * @param reduceNoise clean the recording before use (audio scripts)
     */
    public record Script(String type, String input, Provider provider, boolean ssml, boolean subtitles,
                         String audioUrl, boolean reduceNoise) {
        public static final String TEXT = "text";
        public static final String AUDIO = "audio";

        public static Script text(String input, Provider provider, boolean ssml) {
            return new Script(TEXT, input, provider, ssml, false, null, false);
        }

        public static Script audio(String audioUrl) {
            return new Script(AUDIO, null, null, false, false, audioUrl, false);
        }

        public boolean isAudio() {
            return AUDIO.equals(type);
        }
    }

    /**
     * D-ID's TTS provider object; the voice's locale (and gender where known) picks the local voice.
     *
     * @param voiceConfig the provider's {@code voice_config} as sent (style, rate, pitch, stability, …)
     */
    public record Provider(String type, String voiceId, Map<String, Object> voiceConfig, String modelId,
                           String language) {
        public Provider {
            voiceConfig = voiceConfig == null ? null : Map.copyOf(voiceConfig);
        }

        public static Provider of(String type, String voiceId) {
            return new Provider(type, voiceId, null, null, null);
        }
    }

    /**
     * D-ID's {@code config} with every default filled in (the values D-ID echoes back).
     *
     * @param resultFormat {@code mp4}, {@code mov} or {@code gif} (without the dot)
     * @param padAudio     seconds of silence appended to the speech, 0–60
     * @param logo         an overlay image, {@link Logo#NONE} for {@code logo: false}, or null for none asked
     * @param subtitlesBurn beyond D-ID: draw the subtitles ({@code script.subtitles}) into the picture too
     */
    public record TalkConfig(boolean stitch, String resultFormat, boolean fluent, double padAudio, Logo logo,
                             DriverExpressions driverExpressions, boolean alignDriver, double alignExpandFactor,
                             boolean autoMatch, double motionFactor, double normalizationFactor, boolean sharpen,
                             boolean subtitlesBurn) {
        public static final TalkConfig DEFAULT =
                new TalkConfig(false, "mp4", false, 0, null, null, true, 0.3, true, 1, 1, true, false);

        public TalkConfig(boolean stitch, String resultFormat, boolean fluent, double padAudio, Logo logo,
                          DriverExpressions driverExpressions, boolean alignDriver, double alignExpandFactor,
                          boolean autoMatch, double motionFactor, double normalizationFactor, boolean sharpen) {
            this(stitch, resultFormat, fluent, padAudio, logo, driverExpressions, alignDriver, alignExpandFactor,
                    autoMatch, motionFactor, normalizationFactor, sharpen, false);
        }

        public TalkConfig withStitch(boolean value) {
            return new TalkConfig(value, resultFormat, fluent, padAudio, logo, driverExpressions, alignDriver,
                    alignExpandFactor, autoMatch, motionFactor, normalizationFactor, sharpen, subtitlesBurn);
        }

        public TalkConfig withResultFormat(String value) {
            return new TalkConfig(stitch, value, fluent, padAudio, logo, driverExpressions, alignDriver,
                    alignExpandFactor, autoMatch, motionFactor, normalizationFactor, sharpen, subtitlesBurn);
        }
    }

    /**
     * {@code config.logo}: an image composited onto every frame.
     *
     * @param position {@code [x, y]} in pixels from the top-left; negative values count from the far edge
     */
    public record Logo(String url, List<Integer> position) {
        /** The legacy {@code logo: false}. */
        public static final Logo NONE = new Logo(null, null);

        public Logo {
            position = position == null ? null : List.copyOf(position);
        }

        public boolean disabled() {
            return url == null;
        }
    }

    /** {@code config.driver_expressions}: expressions over time, each persisting until the next. */
    public record DriverExpressions(List<Expression> expressions, int transitionFrames) {
        public DriverExpressions {
            expressions = List.copyOf(expressions);
        }
    }

    /** One expression from {@code startFrame}: neutral, happy, serious or surprise, at {@code intensity} 0–1. */
    public record Expression(int startFrame, String expression, double intensity) {
    }

    /**
     * The legacy {@code face} square: which face to animate.
     *
     * @param topLeft {@code [x, y]}, may be negative
     */
    public record Face(int size, List<Integer> topLeft, String overlap, String faceId, Double detectConfidence,
                       Detection detection) {
        public Face {
            topLeft = List.copyOf(topLeft);
        }
    }

    /** A detected face's box, as D-ID's request spells it. */
    public record Detection(int top, int left, int bottom, int right) {
    }
}
