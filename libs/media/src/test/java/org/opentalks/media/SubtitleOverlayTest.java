package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.opentalks.speech.SubtitleCue;

class SubtitleOverlayTest {
    private static final List<SubtitleCue> CUES = List.of(
            new SubtitleCue(1.0, 3.0, List.of("Good morning, everyone. Thank you", "for coming to the meeting today.")),
            new SubtitleCue(3.5, 5.0, List.of("Bye!")));

    @ParameterizedTest
    @ValueSource(strings = {"astronaut.png", "grace_hopper.jpg"})
    void cuesAreReadableAtTheBottomCentreAndOtherFramesUntouched(String photo) throws IOException {
        BufferedImage picture = Samples.photo(photo);
        int w = picture.getWidth();
        int h = picture.getHeight();
        byte[] original = bgr(picture);
        SubtitleOverlay overlay = new SubtitleOverlay(CUES, w, h);

        for (double t : new double[] {0.0, 0.99, 3.0, 3.2, 5.0, 9.0}) {
            byte[] frame = original.clone();
            assertFalse(overlay.apply(frame, t), "no cue at " + t);
            assertArrayEquals(original, frame, "the frame at " + t + " s is untouched");
        }
        byte[] frame = original.clone();
        assertTrue(overlay.applyToFrame(frame, 50, 25.0), "frame 50 at 25 fps is at 2 s");
        writePng(frame, w, h, Path.of("target", "subtitles", photo.replaceAll("\\..*", "") + "-cue.png"));

        int[] box = changed(original, frame, w, h);
        int left = box[0];
        int top = box[1];
        int right = box[2];
        int bottom = box[3];
        System.out.printf("%s %dx%d: subtitle box x %d..%d, y %d..%d%n", photo, w, h, left, right, top, bottom);
        assertTrue(Math.abs((left + right) / 2.0 - (w - 1) / 2.0) <= 1.0, "centred: " + left + ".." + right);
        assertTrue(top > h / 2 && bottom < h - 0.04 * h, "in the lower half, above a margin: " + top + ".." + bottom);
        assertTrue(right - left > 0.6 * w && right - left < w, "two long lines, inside the frame");
        assertTrue(bottom - top > 2 * 0.04 * h, "two lines of a font scaled with the frame: " + (bottom - top));

        // Inside the box: bright glyph pixels against a darkened ground; contrast as WCAG measures it.
        double[] luminance = new double[(right - left + 1) * (bottom - top + 1)];
        int n = 0;
        double originalSum = 0;
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                luminance[n++] = relativeLuminance(frame, (y * w + x) * 3);
                originalSum += relativeLuminance(original, (y * w + x) * 3);
            }
        }
        Arrays.sort(luminance);
        double text = luminance[(int) (0.97 * (n - 1))];
        double ground = luminance[(n - 1) / 2];
        double contrast = (text + 0.05) / (ground + 0.05);
        long white = Arrays.stream(luminance).filter(l -> l > 0.8).count();
        System.out.printf("  text luminance %.2f, ground %.3f (photo there %.3f): contrast %.1f:1, %d white px%n",
                text, ground, originalSum / n, contrast, white);
        assertTrue(contrast >= 7, "WCAG AAA asks 7:1 for body text, got " + contrast);
        assertTrue(white > 0.05 * n, "enough glyph pixels: " + white + " of " + n);
        assertTrue(ground < originalSum / n, "the box darkens the photo under it");
    }

    @Test
    void aLineOfWideLettersShrinksToFitTheFrame() {
        for (String line : List.of("W".repeat(42), "coffee and tea will be served in our big h")) {
            SubtitleOverlay.Rendered r = SubtitleOverlay.render(new SubtitleCue(0, 1, List.of(line)), 512, 512);
            assertTrue(r.image().getWidth() <= 0.92 * 512 + 1, "box " + r.image().getWidth() + " px wide");
            assertTrue(r.image().getHeight() < 0.08 * 512, "still one line: " + r.image().getHeight() + " px");
        }
        SubtitleOverlay.Rendered tiny = SubtitleOverlay.render(new SubtitleCue(0, 1,
                List.of("a line of forty-two characters, give or ta")), 160, 160);
        assertTrue(tiny.image().getWidth() <= 160, "wrapped onto more lines on a thumbnail");
        SubtitleOverlay.Rendered normal = SubtitleOverlay.render(new SubtitleCue(0, 1, List.of("Hi")), 512, 1024);
        SubtitleOverlay.Rendered small = SubtitleOverlay.render(new SubtitleCue(0, 1, List.of("Hi")), 512, 512);
        assertEquals(2.0, (double) normal.image().getHeight() / small.image().getHeight(), 0.15,
                "the font scales with the frame's height");
    }

    @Test
    void textTheBundledFontLacksIsStillDrawn() {
        SubtitleOverlay.Rendered r = SubtitleOverlay.render(new SubtitleCue(0, 1, List.of("\u4f60\u597d")), 512, 512);
        assertTrue(r.image().getWidth() > 0 && r.image().getHeight() > 0);
    }

    private static int[] changed(byte[] before, byte[] after, int w, int h) {
        int left = w;
        int top = h;
        int right = -1;
        int bottom = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                if (before[o] != after[o] || before[o + 1] != after[o + 1] || before[o + 2] != after[o + 2]) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        assertTrue(right >= 0, "the cue changed no pixel");
        return new int[] {left, top, right, bottom};
    }

    /** WCAG 2 relative luminance of an sRGB pixel stored B, G, R. */
    private static double relativeLuminance(byte[] bgr, int o) {
        return 0.0722 * linear(bgr[o]) + 0.7152 * linear(bgr[o + 1]) + 0.2126 * linear(bgr[o + 2]);
    }

    private static double linear(byte value) {
        double c = (value & 0xFF) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static byte[] bgr(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        copy.getGraphics().drawImage(image, 0, 0, null);
        return ((DataBufferByte) copy.getRaster().getDataBuffer()).getData().clone();
    }

    private static void writePng(byte[] bgr, int w, int h, Path file) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        System.arraycopy(bgr, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, bgr.length);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        System.out.println("  wrote " + file.toAbsolutePath());
    }
}
