package org.opentalks.media;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** Deterministic test media: smooth moving pictures, tones, and the measures to compare them. */
final class Synthetic {
    /** A smooth colour field drifting right and down, with a bright square crossing it. */
    static byte[] movingGradient(int width, int height, int t) {
        byte[] bgr = new byte[width * height * 3];
        int square = Math.min(width, height) / 6;
        int sx = (t * 5) % (width - square);
        int sy = height / 3;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                boolean inSquare = x >= sx && x < sx + square && y >= sy && y < sy + square;
                bgr[i] = (byte) (inSquare ? 240 : 128 + 100 * Math.sin(2 * Math.PI * (x + 3 * t) / 200.0));
                bgr[i + 1] = (byte) (inSquare ? 240 : 128 + 100 * Math.sin(2 * Math.PI * (y + 2 * t) / 170.0));
                bgr[i + 2] = (byte) (inSquare ? 240 : 40 + (x + y) * 170 / (width + height));
            }
        }
        return bgr;
    }

    /**
     * Frame {@code t} of a photo that sways gently, like a talking head: the photo (at least
     * {@code size} square) shifted sideways by up to 4 pixels, edges repeated.
     */
    static byte[] swayingPhoto(BufferedImage photo, int size, int t) {
        int dx = (int) Math.round(4 * Math.sin(2 * Math.PI * t / 25.0));
        byte[] bgr = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = photo.getRGB(Math.max(0, Math.min(size - 1, x + dx)), y);
                int i = (y * size + x) * 3;
                bgr[i] = (byte) rgb;
                bgr[i + 1] = (byte) (rgb >> 8);
                bgr[i + 2] = (byte) (rgb >> 16);
            }
        }
        return bgr;
    }

    /** A stand-in "photo": red grows left to right, green top to bottom, blue constant. */
    static BufferedImage photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = x * 255 / (width - 1);
                int g = y * 255 / (height - 1);
                image.setRGB(x, y, r << 16 | g << 8 | 60);
            }
        }
        return image;
    }

    /** An animated crop that looks nothing like the photo: purple, brightening over time. */
    static byte[] purpleFrame(int size, int t) {
        byte[] bgr = new byte[size * size * 3];
        for (int i = 0; i < bgr.length; i += 3) {
            bgr[i] = (byte) (180 + t % 40);
            bgr[i + 1] = (byte) 30;
            bgr[i + 2] = (byte) (170 + t % 40);
        }
        return bgr;
    }

    /** A mono 16-bit WAV: a sine of {@code hz} at half scale. */
    static Path toneWav(Path file, double seconds, double hz, int sampleRate) {
        short[] samples = new short[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        new PcmWav(sampleRate, samples).write(file);
        return file;
    }

    /** Peak signal-to-noise ratio of 8-bit pictures, in dB. */
    static double psnr(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " bytes");
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            sum += d * d;
        }
        double mse = sum / a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** The BGR pixel at (x, y) as {b, g, r}. */
    static int[] pixel(byte[] bgr, int width, int x, int y) {
        int i = (y * width + x) * 3;
        return new int[] {bgr[i] & 0xFF, bgr[i + 1] & 0xFF, bgr[i + 2] & 0xFF};
    }

    private Synthetic() {
    }
}
