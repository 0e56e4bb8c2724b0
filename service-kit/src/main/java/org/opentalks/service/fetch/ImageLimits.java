package org.opentalks.service.fetch;

import java.util.Locale;
import java.util.Optional;

/**
 * The largest image anything here decodes, judged from its header before any decoder runs, so an
 * image that would decode to gigabytes of pixels (a "decompression bomb") is refused whether it is
 * uploaded ({@code POST /images}) or fetched (a talk's source or logo). One check for both.
 *
 * @param maxPixels width × height an image's header may declare
 * @param maxSide   the longer side an image's header may declare
 */
public record ImageLimits(long maxPixels, int maxSide) {

    public static ImageLimits of(FetchSettings settings) {
        return new ImageLimits(settings.maxImagePixels(), settings.maxImageSide());
    }

    /** Why the PNG or JPEG {@code bytes} may not be decoded (a sentence about "the image"); empty when they may. */
    public Optional<String> refusal(byte[] bytes, MediaFormat format) {
        Optional<ImageSize> size = ImageSize.read(bytes, format);
        if (size.isEmpty()) {
            return Optional.of("is not a readable " + format.label() + " image (its header is missing or damaged)");
        }
        ImageSize s = size.get();
        if (s.width() > maxSide || s.height() > maxSide || s.pixels() > maxPixels) {
            return Optional.of("is " + s.width() + "x" + s.height() + " pixels; images may be at most " + maxSide
                    + " pixels on a side and " + megapixels(maxPixels) + " megapixels in all");
        }
        return Optional.empty();
    }

    /** Whether the size part of {@link #refusal} is what refused it (rather than a damaged header). */
    public boolean tooLarge(byte[] bytes, MediaFormat format) {
        return ImageSize.read(bytes, format)
                .filter(s -> s.width() > maxSide || s.height() > maxSide || s.pixels() > maxPixels).isPresent();
    }

    private static String megapixels(long pixels) {
        return pixels % 1_000_000 == 0 ? Long.toString(pixels / 1_000_000)
                : String.format(Locale.ROOT, "%.1f", pixels / 1e6);
    }
}
