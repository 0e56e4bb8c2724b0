package org.opentalks.service.fetch;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The media types recognised from their leading bytes ("magic numbers"); a server's Content-Type and
 * a URL's extension are never trusted. GIF, WebP and HEIF are recognised only to name them when refused.
 */
public enum MediaFormat {
    JPEG("image/jpeg", "jpg", "JPEG"),
    PNG("image/png", "png", "PNG"),
    GIF("image/gif", "gif", "GIF"),
    WEBP("image/webp", "webp", "WebP"),
    HEIF("image/heif", "heic", "HEIF/AVIF"),
    /** ISO base media (ftyp box): m4a, mp4, 3gp. */
    MP4_AUDIO("audio/mp4", "m4a", "M4A"),
    MP3("audio/mpeg", "mp3", "MP3"),
    WAV("audio/wav", "wav", "WAV"),
    FLAC("audio/flac", "flac", "FLAC"),
    OGG("audio/ogg", "ogg", "OGG");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** ftyp major brands of still images (ISO/IEC 23008-12 HEIF, AV1 image file format). */
    private static final Set<String> IMAGE_BRANDS = Set.of(
            "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis");

    private final String mediaType;
    private final String extension;
    private final String label;

    MediaFormat(String mediaType, String extension, String label) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.label = label;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** How messages name it. */
    public String label() {
        return label;
    }

    /** The format the bytes start with, if any recognised one. */
    public static Optional<MediaFormat> sniff(byte[] b) {
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (b.length >= 3 && u8(b, 0) == 0xff && u8(b, 1) == 0xd8 && u8(b, 2) == 0xff) {
            return Optional.of(JPEG);
        }
        if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WAVE"))) {
            return Optional.of(WAV);
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        if (startsWith(b, 4, ascii("ftyp")) && b.length >= 12) {
            String brand = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
            return Optional.of(IMAGE_BRANDS.contains(brand) ? HEIF : MP4_AUDIO);
        }
        if (startsWith(b, 0, ascii("fLaC"))) {
            return Optional.of(FLAC);
        }
        if (startsWith(b, 0, ascii("OggS"))) {
            return Optional.of(OGG);
        }
        if (startsWith(b, 0, ascii("ID3")) || isMpegAudioFrame(b)) {
            return Optional.of(MP3);
        }
        return Optional.empty();
    }

    /**
     * An MPEG audio frame header without ID3 tag: 11 sync bits, then no reserved version, layer,
     * bitrate or sample-rate values (ISO/IEC 11172-3 §2.4.2.3).
     */
    private static boolean isMpegAudioFrame(byte[] b) {
        if (b.length < 3 || u8(b, 0) != 0xff || (u8(b, 1) & 0xe0) != 0xe0) {
            return false;
        }
        int version = (u8(b, 1) >> 3) & 3;
        int layer = (u8(b, 1) >> 1) & 3;
        int bitrate = u8(b, 2) >> 4;
        int sampleRate = (u8(b, 2) >> 2) & 3;
        return version != 1 && layer != 0 && bitrate != 0xf && sampleRate != 3;
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (b.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }
}
