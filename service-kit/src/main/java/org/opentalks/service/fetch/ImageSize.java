package org.opentalks.service.fetch;

import java.util.Optional;

/**
 * An image's declared size, read from its header without decoding it, so an image that would
 * decode to gigabytes of pixels (a "decompression bomb") is refused before any decoder runs.
 */
public record ImageSize(long width, long height) {

    public long pixels() {
        return width * height;
    }

    /** The size declared by a PNG's IHDR or a JPEG's first SOFn; empty when the header is cut short or odd. */
    public static Optional<ImageSize> read(byte[] bytes, MediaFormat format) {
        return switch (format) {
            case PNG -> png(bytes);
            case JPEG -> jpeg(bytes);
            default -> Optional.empty();
        };
    }

    /** PNG: the 8-byte signature, then the IHDR chunk (length 13) with width and height (PNG spec §11.2.2). */
    private static Optional<ImageSize> png(byte[] b) {
        if (b.length < 24 || u32(b, 8) != 13 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            return Optional.empty();
        }
        return sized(u32(b, 16), u32(b, 20));
    }

    /**
     * JPEG: walks the marker segments up to the first frame header (ITU-T T.81 §B.1.1, B.2.2): SOF0..SOF15
     * except DHT (C4), JPG (C8) and DAC (CC); its payload is precision (1 byte), lines, samples per line.
     */
    private static Optional<ImageSize> jpeg(byte[] b) {
        int i = 2;
        while (i + 1 < b.length) {
            if (u8(b, i) != 0xff) {
                return Optional.empty();
            }
            int marker = u8(b, i + 1);
            if (marker == 0xff) {
                i++; // fill byte before a marker
                continue;
            }
            i += 2;
            if (marker == 0x01 || marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue; // markers without a length
            }
            if (marker == 0xd9 || marker == 0xda || i + 2 > b.length) {
                return Optional.empty(); // end of image or scan data before any frame header
            }
            int length = u16(b, i);
            if (length < 2) {
                return Optional.empty();
            }
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                return i + 7 <= b.length ? sized(u16(b, i + 5), u16(b, i + 3)) : Optional.empty();
            }
            i += length;
        }
        return Optional.empty();
    }

    /** Zero means "defined later" (JPEG DNL) or nothing: neither can be judged, so neither is accepted. */
    private static Optional<ImageSize> sized(long width, long height) {
        return width > 0 && height > 0 ? Optional.of(new ImageSize(width, height)) : Optional.empty();
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int u16(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    private static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }
}
