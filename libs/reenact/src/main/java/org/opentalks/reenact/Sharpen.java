package org.opentalks.reenact;

/**
 * D-ID's {@code sharpen}: a mild unsharp mask, {@code out = in + AMOUNT·(in − blur(in))} with a
 * 5-tap binomial blur (σ ≈ 1 px), applied once to the source crop before it is animated (the warp
 * moves pixels but barely changes their sharpness, so this costs nothing per frame). It is
 * weighted by the head region, so the background and body, which stitch puts back next to the
 * untouched photo, stay exactly as they were.
 */
final class Sharpen {
    static final double AMOUNT = 0.6;
    private static final int[] KERNEL = {1, 4, 6, 4, 1};

    private Sharpen() {
    }

    /** A sharpened copy of the {@code size × size} BGR crop; {@code weight} is 0 where nothing may change. */
    static byte[] apply(byte[] bgr, int size, DenseWarp.Weight weight) {
        int[] across = new int[bgr.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int k = -2; k <= 2; k++) {
                        int xx = Math.max(0, Math.min(size - 1, x + k));
                        sum += KERNEL[k + 2] * (bgr[3 * (y * size + xx) + c] & 0xff);
                    }
                    across[3 * (y * size + x) + c] = sum;
                }
            }
        }
        byte[] out = bgr.clone();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double w = weight.at(x, y);
                if (w <= 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int k = -2; k <= 2; k++) {
                        int yy = Math.max(0, Math.min(size - 1, y + k));
                        sum += KERNEL[k + 2] * across[3 * (yy * size + x) + c];
                    }
                    int o = 3 * (y * size + x) + c;
                    double in = bgr[o] & 0xff;
                    double v = in + w * AMOUNT * (in - sum / 256.0);
                    out[o] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return out;
    }
}
