package org.opentalks.vision;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/** Decoded pixels as packed {@code 0xRRGGBB} ints, read once per image and shared by detector and predictor. */
final class PackedRgb {
    static int[] read(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        if (raster.getNumBands() == 1 && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            // getRGB() would push grey samples through a linear-to-sRGB conversion and brighten them;
            // decoders such as libpng hand the stored value through unchanged, so do the same.
            int shift = Math.max(0, raster.getSampleModel().getSampleSize(0) - 8);
            int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (samples[i] >> shift) * 0x010101;
            }
            return samples;
        }
        // Java2D's native blit converts any layout (BGR bytes, ABGR, indexed, ...) several times faster than getRGB.
        BufferedImage packed = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = packed.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return ((DataBufferInt) packed.getRaster().getDataBuffer()).getData();
    }

    private PackedRgb() {
    }
}
