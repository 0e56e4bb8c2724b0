package org.opentalks.service.stage;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.opentalks.store.ObjectStore;

/** Images the pipeline itself stored (the normalised {@code source.png}), read back by later stages. */
public final class StoredImages {

    public static BufferedImage read(ObjectStore store, String key) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(store.get(key)));
            if (image == null) {
                throw new IllegalStateException(key + " is not an image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    private StoredImages() {
    }
}
