package org.opentalks.service.fetch;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What is being fetched: decides the byte cap and the media types accepted. */
public enum FetchKind {
    /** A talk's source photo. */
    IMAGE("source image", 10L << 20, EnumSet.of(MediaFormat.JPEG, MediaFormat.PNG)),
    /** A talk script's audio. */
    AUDIO("audio", 15L << 20, EnumSet.of(MediaFormat.MP4_AUDIO, MediaFormat.MP3, MediaFormat.WAV,
            MediaFormat.FLAC, MediaFormat.OGG)),
    /** A logo overlaid on the result. */
    LOGO("logo", 2L << 20, EnumSet.of(MediaFormat.JPEG, MediaFormat.PNG));

    private final String noun;
    private final long defaultMaxBytes;
    private final Set<MediaFormat> accepted;

    FetchKind(String noun, long defaultMaxBytes, Set<MediaFormat> accepted) {
        this.noun = noun;
        this.defaultMaxBytes = defaultMaxBytes;
        this.accepted = accepted;
    }

    /** How messages name it: "source image", "audio", "logo". */
    public String noun() {
        return noun;
    }

    public long defaultMaxBytes() {
        return defaultMaxBytes;
    }

    public Set<MediaFormat> accepted() {
        return Set.copyOf(accepted);
    }

    boolean accepts(MediaFormat format) {
        return accepted.contains(format);
    }

    /** "JPEG or PNG", "M4A, MP3, WAV, FLAC or OGG". */
    String acceptedNames() {
        String all = accepted.stream().map(MediaFormat::label).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
