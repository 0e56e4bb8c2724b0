package org.opentalks.media;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.opentalks.contract.document.Box;

/**
 * Asks {@link TalkMuxer} to put the animated crop back into the full photo.
 *
 * @param crop where the frames were cut from, in photo pixels; may extend beyond the photo
 */
public record Stitch(BufferedImage photo, Box crop) {
    public Stitch {
        Objects.requireNonNull(photo, "photo");
        Objects.requireNonNull(crop, "crop");
    }
}
