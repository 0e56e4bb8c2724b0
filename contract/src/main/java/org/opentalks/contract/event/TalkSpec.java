package org.opentalks.contract.event;

/**
 * What the client asked for, validated by the gateway and carried through the pipeline so every
 * stage can honour its part.
 *
 * @param sourceUrl the photo: an {@code s3://} upload URL or an https URL
 * @param driverUrl the requested driver ({@code bank://…}), or null for the default
 */
public record TalkSpec(String sourceUrl, String driverUrl, Script script, TalkConfig config,
                       String webhook, String userData, String name) {

    /** The text (or, later, audio) to speak. */
    public record Script(String type, String input, Provider provider, boolean ssml) {
    }

    /** D-ID's TTS provider object; its voice's locale picks the local voice. */
    public record Provider(String type, String voiceId) {
    }

    /** Rendering options. */
    public record TalkConfig(boolean stitch, String resultFormat) {
        public static final TalkConfig DEFAULT = new TalkConfig(false, "mp4");
    }
}
