package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.document.Box;

/** A logo over the talk, as it comes out of the decoders of each result format. */
class TalkMuxerLogoTest {
    private static final int FRAMES = 50;
    private static final int[] RED = {0, 0, 255};
    /** Codec error allowed on the logo's flat colour, per channel (H.264 at the re-encoding rate; GIF's palette). */
    private static final int COLOUR_TOLERANCE = 16;
    /**
     * The logo's pixels are checked 2 pixels inside its edges, and the unchanged picture from 4
     * pixels outside: 4:2:0 chroma and the codec's blocks smear a sharp edge over a pixel or two.
     */
    private static final int INSET = 2;
    private static final int MARGIN = 4;

    @TempDir
    Path dir;
    private Path gradientVideo;
    private Path tone;
    private final BufferedImage redLogo = LogoOverlayTest.solid(40, 20, 0xFFFF0000);

    @BeforeEach
    void writeInputs() {
        gradientVideo = dir.resolve("gradient.mp4");
        try (FrameVideoWriter writer = FrameVideoWriter.open(gradientVideo, 512, 512, 25)) {
            for (int t = 0; t < FRAMES; t++) {
                writer.write(Synthetic.movingGradient(512, 512, t));
            }
        }
        tone = Synthetic.toneWav(dir.resolve("tone.wav"), 2.0, 440, 22_050);
    }

    @Test
    void putsTheLogoAtItsPositionFromTheTopLeft() throws Exception {
        assertLogoAt(new Logo(redLogo, 10, 10), 10, 10);
    }

    @Test
    void countsNegativePositionsFromTheBottomRight() throws Exception {
        // Right edge 10 pixels from the frame's right edge: x from 512 - 10 - 40 = 462 to 502.
        assertLogoAt(new Logo(redLogo, -10, -10), 462, 482);
    }

    @Test
    void blendsAHalfTransparentLogo() throws Exception {
        Path talk = dir.resolve("half.mp4");
        new TalkMuxer().mux(gradientVideo, tone, talk,
                new MuxOptions(ResultFormat.MP4, null, new Logo(LogoOverlayTest.solid(40, 20, 0x80FF0000), 10, 10)));
        List<byte[]> plain = VideoFrames.readAll(gradientVideo);
        List<byte[]> frames = VideoFrames.readAll(talk);
        for (int t : new int[] {0, 25, 49}) {
            byte[] under = plain.get(t);
            double sum = 0;
            int count = 0;
            for (int y = 10 + INSET; y < 30 - INSET; y++) {
                for (int x = 10 + INSET; x < 50 - INSET; x++) {
                    int[] below = Synthetic.pixel(under, 512, x, y);
                    int[] actual = Synthetic.pixel(frames.get(t), 512, x, y);
                    for (int c = 0; c < 3; c++) {
                        double expected = below[c] + (RED[c] - below[c]) * 129 / 256.0;
                        sum += Math.abs(actual[c] - expected);
                        count++;
                    }
                }
            }
            assertTrue(sum / count < 4, "frame " + t + ": mean difference from half red, half picture " + sum / count);
        }
    }

    @Test
    void putsTheLogoOnTheStitchedPicture() throws Exception {
        Path talk = dir.resolve("stitched.mov");
        MuxResult result = new TalkMuxer().mux(gradientVideo, tone, talk, new MuxOptions(ResultFormat.MOV,
                new Stitch(Synthetic.photo(800, 600), new Box(250, 100, 300, 300)), new Logo(redLogo, -10, -10)));
        assertEquals(800, result.width());
        assertEquals("qt  ", Mp4Layout.majorBrand(talk));
        byte[] frame = VideoFrames.readAll(talk).get(20);
        assertColour(frame, 800, 750, 570, 790, 590, RED);
    }

    @Test
    void putsTheLogoOnAGif() throws Exception {
        Path gif = dir.resolve("logo.gif");
        new TalkMuxer().mux(gradientVideo, null, gif,
                new MuxOptions(ResultFormat.GIF, null, new Logo(redLogo, -10, 10)));
        List<byte[]> frames = VideoFrames.readAll(gif);
        assertEquals(FRAMES, frames.size());
        for (int t : new int[] {0, 49}) {
            assertColour(frames.get(t), 512, 462, 10, 502, 30, RED);
        }
    }

    @Test
    void refusesALogoOutsideTheFrameAndWritesNothing() {
        Path talk = dir.resolve("never.mp4");
        UnusableMediaException outside = assertThrows(UnusableMediaException.class, () -> new TalkMuxer()
                .mux(gradientVideo, tone, talk, new MuxOptions(ResultFormat.MP4, null, new Logo(redLogo, 600, 10))));
        assertTrue(outside.getMessage().contains("outside the 512x512 video"), outside.getMessage());
        assertEquals(UnusableMediaException.Reason.LOGO_DOES_NOT_FIT, outside.reason());
        assertFalse(Files.exists(talk));

        BufferedImage huge = LogoOverlayTest.solid(600, 20, 0xFFFF0000);
        Path gif = dir.resolve("never.gif");
        assertThrows(UnusableMediaException.class, () -> new TalkMuxer()
                .mux(gradientVideo, tone, gif, new MuxOptions(ResultFormat.GIF, null, new Logo(huge, 0, 0))));
        assertFalse(Files.exists(gif));
    }

    /**
     * Muxes with the logo and without, then checks every third frame: the logo's rectangle is red, and
     * the picture around it matches the logo-less talk within codec error.
     */
    private void assertLogoAt(Logo logo, int left, int top) throws Exception {
        Path plainTalk = dir.resolve("plain.mp4");
        Path logoTalk = dir.resolve("logo.mp4");
        new TalkMuxer().mux(gradientVideo, tone, plainTalk, MuxOptions.of(ResultFormat.MP4));
        long start = System.nanoTime();
        MuxResult result = new TalkMuxer().mux(gradientVideo, tone, logoTalk,
                new MuxOptions(ResultFormat.MP4, null, logo));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("mux with logo 512x512: %.0f fps%n", FRAMES / seconds);

        assertEquals(new MuxResult(FRAMES, 2.0, 512, 512, Files.size(logoTalk)), result);
        List<byte[]> plain = VideoFrames.readAll(plainTalk);
        List<byte[]> withLogo = VideoFrames.readAll(logoTalk);
        assertEquals(FRAMES, withLogo.size());
        double worstMean = 0;
        for (int t = 0; t < FRAMES; t += 3) {
            assertColour(withLogo.get(t), 512, left, top, left + 40, top + 20, RED);
            worstMean = Math.max(worstMean, meanDifferenceAround(plain.get(t), withLogo.get(t), left, top));
        }
        System.out.printf("logo: worst mean difference away from it %.2f levels%n", worstMean);
        assertTrue(worstMean < 3, "mean difference from the logo-less talk away from the logo: " + worstMean);
    }

    /** Every pixel of [x0, x1) x [y0, y1), less {@link #INSET}, is {@code bgr} within codec tolerance. */
    private static void assertColour(byte[] frame, int width, int x0, int y0, int x1, int y1, int[] bgr) {
        for (int y = y0 + INSET; y < y1 - INSET; y++) {
            for (int x = x0 + INSET; x < x1 - INSET; x++) {
                int[] actual = Synthetic.pixel(frame, width, x, y);
                for (int c = 0; c < 3; c++) {
                    assertEquals(bgr[c], actual[c], COLOUR_TOLERANCE, "channel " + c + " at (" + x + ", " + y + ")");
                }
            }
        }
        // Just outside the rectangle the picture is not red.
        int[] left = Synthetic.pixel(frame, width, x0 - MARGIN, (y0 + y1) / 2);
        int[] below = Synthetic.pixel(frame, width, (x0 + x1) / 2, Math.min(y1 + MARGIN, frame.length / 3 / width - 1));
        assertFalse(isRed(left) || isRed(below), "red spills outside the logo");
    }

    private static boolean isRed(int[] bgr) {
        return bgr[0] < COLOUR_TOLERANCE && bgr[1] < COLOUR_TOLERANCE && bgr[2] > 255 - COLOUR_TOLERANCE;
    }

    /** Mean absolute difference over the pixels at least {@link #MARGIN} away from the 40x20 logo. */
    private static double meanDifferenceAround(byte[] a, byte[] b, int left, int top) {
        long sum = 0;
        int count = 0;
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                if (x >= left - MARGIN && x < left + 40 + MARGIN && y >= top - MARGIN && y < top + 20 + MARGIN) {
                    continue;
                }
                int i = (y * 512 + x) * 3;
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs((a[i + c] & 0xFF) - (b[i + c] & 0xFF));
                    count++;
                }
            }
        }
        return (double) sum / count;
    }
}
