package org.opentalks.service.fetch;

/**
 * A fetched source whose type was sniffed from its bytes.
 *
 * @param mediaType e.g. {@code image/png}, {@code audio/wav}
 * @param extension without the dot, e.g. {@code png}, {@code m4a}
 */
public record Fetched(byte[] bytes, String mediaType, String extension) {
    public Fetched(byte[] bytes, MediaFormat format) {
        this(bytes, format.mediaType(), format.extension());
    }
}
