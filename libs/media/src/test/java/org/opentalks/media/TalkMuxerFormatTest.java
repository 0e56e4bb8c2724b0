package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.document.Box;

/** MOV and GIF results: containers, streams, lengths and pictures as players see them. */
class TalkMuxerFormatTest {
    private static final int FRAMES = 50;
    /**
     * Mean absolute difference per sample, in 8-bit levels, allowed between a GIF frame of a photo and
     * the picture it was made from, through H.264 and then 255 colours with 8x8 Bayer dithering
     * (measured 4.2 for the detailed astronaut.png here, 2.1 for a rendered talk of it).
     */
    static final double GIF_PHOTO_DIFFERENCE = 6;
    /**
     * The same for the synthetic full-gamut gradients, GIF's worst case: 255 colours cannot cover them
     * smoothly (measured 7.9 for {@link Synthetic#movingGradient}).
     */
    static final double GIF_GRADIENT_DIFFERENCE = 10;

    @TempDir
    Path dir;
    private Path gradientVideo;
    private Path tone;

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
    void movCarriesTheSameStreamsAsMp4InAQuickTimeFile() throws Exception {
        Path mp4 = dir.resolve("talk.mp4");
        Path mov = dir.resolve("talk.mov");
        MuxResult mp4Result = new TalkMuxer().mux(gradientVideo, tone, mp4, MuxOptions.of(ResultFormat.MP4));
        MuxResult movResult = new TalkMuxer().mux(gradientVideo, tone, mov, MuxOptions.of(ResultFormat.MOV));

        assertEquals(new MuxResult(FRAMES, 2.0, 512, 512, Files.size(mov)), movResult);
        assertEquals("qt  ", Mp4Layout.majorBrand(mov));
        assertNotEquals("qt  ", Mp4Layout.majorBrand(mp4));
        assertTrue(Mp4Layout.isFastStart(mov), Mp4Layout.topLevelBoxes(mov).toString());
        ProbeResult movProbe = MediaProbe.probeCountingFrames(mov);
        ProbeResult mp4Probe = MediaProbe.probeCountingFrames(mp4);
        assertTrue(movProbe.format().formatName().contains("mov"), movProbe.format().formatName());
        assertEquals("h264", movProbe.video().codecName());
        assertEquals("aac", movProbe.audio().codecName());
        assertEquals(mp4Probe.video().frames(), movProbe.video().frames());
        assertEquals(FRAMES, movProbe.video().frames());
        assertEquals(mp4Probe.video().durationSeconds(), movProbe.video().durationSeconds(), 1e-3);
        assertEquals(mp4Probe.audio().durationSeconds(), movProbe.audio().durationSeconds(), 1e-3);
        assertEquals(mp4Probe.format().durationSeconds(), movProbe.format().durationSeconds(), 0.03);
        assertEquals(mp4Result.numFrames(), movResult.numFrames());

        // The same packets: both decode to identical pictures, and to the same sound.
        List<byte[]> mp4Frames = VideoFrames.readAll(mp4);
        List<byte[]> movFrames = VideoFrames.readAll(mov);
        assertEquals(FRAMES, movFrames.size());
        for (int t = 0; t < FRAMES; t++) {
            assertArrayEquals(mp4Frames.get(t), movFrames.get(t), "frame " + t);
        }
        assertEquals(440, DecodedAudio.of(mov).frequency(0.2, 1.8), 5);
    }

    @Test
    void movWithAStitchIsReEncodedAtThePhotoSize() throws Exception {
        Path mov = dir.resolve("stitched.mov");
        MuxResult result = new TalkMuxer().mux(gradientVideo, tone, mov,
                new MuxOptions(ResultFormat.MOV, new Stitch(Synthetic.photo(800, 600), new Box(250, 100, 300, 300)),
                        null));

        assertEquals(new MuxResult(FRAMES, 2.0, 800, 600, Files.size(mov)), result);
        assertEquals("qt  ", Mp4Layout.majorBrand(mov));
        ProbeResult probe = MediaProbe.probeCountingFrames(mov);
        assertEquals("h264", probe.video().codecName());
        assertEquals(800, probe.video().width());
        assertEquals(FRAMES, probe.video().frames());
        assertEquals(probe.video().durationSeconds(), probe.audio().durationSeconds(), 0.1);
    }

    @Test
    void gifKeepsEveryFrameAt25FpsSilentAndLoopingForever() throws Exception {
        BufferedImage astronaut = Samples.photo("astronaut.png");
        Path photoVideo = dir.resolve("astronaut.mp4");
        try (FrameVideoWriter writer = FrameVideoWriter.open(photoVideo, 512, 512, 25)) {
            for (int t = 0; t < FRAMES; t++) {
                writer.write(Synthetic.swayingPhoto(astronaut, 512, t));
            }
        }
        Path gif = dir.resolve("talk.gif");
        long start = System.nanoTime();
        MuxResult result = new TalkMuxer().mux(photoVideo, null, gif, MuxOptions.of(ResultFormat.GIF));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("GIF 512x512: %.0f fps (%d frames in %.2f s), %d kB%n",
                FRAMES / seconds, FRAMES, seconds, Files.size(gif) / 1000);

        assertEquals(new MuxResult(FRAMES, 2.0, 512, 512, Files.size(gif)), result);
        ProbeResult probe = MediaProbe.probeCountingFrames(gif);
        assertEquals("gif", probe.format().formatName());
        assertFalse(probe.hasAudio());
        assertEquals(1, probe.streams().size());
        ProbeResult.Stream video = probe.video();
        assertEquals("gif", video.codecName());
        assertEquals(512, video.width());
        assertEquals(512, video.height());
        assertEquals(FRAMES, video.frames());
        assertEquals(2.0, probe.format().durationSeconds(), 0.05);
        assertTrue(loopsForever(gif), "NETSCAPE2.0 application extension with loop count 0");

        List<byte[]> frames = VideoFrames.readAll(gif);
        assertEquals(FRAMES, frames.size());
        double worst = 0;
        for (int t = 0; t < FRAMES; t++) {
            worst = Math.max(worst, meanDifference(Synthetic.swayingPhoto(astronaut, 512, t), frames.get(t)));
        }
        System.out.printf("GIF of a photo, worst frame: mean difference %.2f levels%n", worst);
        assertTrue(worst < GIF_PHOTO_DIFFERENCE, "worst frame's mean difference " + worst);
    }

    @Test
    void gifOfAStitchedTalkHasThePhotoSize() throws Exception {
        BufferedImage photo = Synthetic.photo(640, 480);
        Box crop = new Box(170, 90, 300, 300);
        Path gif = dir.resolve("stitched.gif");
        long start = System.nanoTime();
        MuxResult result = new TalkMuxer().mux(gradientVideo, tone, gif,
                new MuxOptions(ResultFormat.GIF, new Stitch(photo, crop), null));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("GIF with stitch 640x480: %.0f fps, %d kB%n", FRAMES / seconds, Files.size(gif) / 1000);

        assertEquals(new MuxResult(FRAMES, 2.0, 640, 480, Files.size(gif)), result);
        byte[] expected;
        try (StitchCompositor compositor = new StitchCompositor(photo, crop)) {
            expected = compositor.compose(VideoFrames.readAll(gradientVideo).get(30));
        }
        List<byte[]> frames = VideoFrames.readAll(gif);
        assertEquals(FRAMES, frames.size());
        double difference = meanDifference(expected, frames.get(30));
        assertTrue(difference < GIF_GRADIENT_DIFFERENCE, "mean difference " + difference);
    }

    @Test
    void gifKeepsFramesThatDoNotChange() throws Exception {
        // A still stretch (a pause with the face at rest) still takes its time on screen.
        Path still = dir.resolve("still.mp4");
        try (FrameVideoWriter writer = FrameVideoWriter.open(still, 64, 64, 25)) {
            for (int t = 0; t < 10; t++) {
                writer.write(Synthetic.movingGradient(64, 64, 0));
            }
        }
        Path gif = dir.resolve("still.gif");
        MuxResult result = new TalkMuxer().mux(still, null, gif, MuxOptions.of(ResultFormat.GIF));

        assertEquals(new MuxResult(10, 0.4, 64, 64, Files.size(gif)), result);
        ProbeResult probe = MediaProbe.probeCountingFrames(gif);
        assertEquals(10, probe.video().frames());
        assertEquals(0.4, probe.format().durationSeconds(), 0.02);
    }

    @Test
    void namesTheFormatsAsDidDoes() {
        assertEquals(ResultFormat.MOV, ResultFormat.fromName("MOV"));
        assertEquals("image/gif", ResultFormat.fromName("gif").mimeType());
        assertEquals("video/quicktime", ResultFormat.MOV.mimeType());
        assertEquals("video/mp4", ResultFormat.MP4.mimeType());
        assertEquals("mp4", ResultFormat.MP4.extension());
        assertThrows(IllegalArgumentException.class, () -> ResultFormat.fromName("webm"));
    }

    /** Mean absolute difference over all samples of two BGR pictures, in 8-bit levels. */
    static double meanDifference(byte[] a, byte[] b) {
        assertEquals(a.length, b.length);
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) sum / a.length;
    }

    /**
     * The Netscape looping extension (GIF89a application extension "NETSCAPE2.0", sub-block 1 holding
     * the loop count, 0 meaning forever).
     */
    private static boolean loopsForever(Path gif) throws Exception {
        String bytes = new String(Files.readAllBytes(gif), StandardCharsets.ISO_8859_1);
        int at = bytes.indexOf("NETSCAPE2.0");
        return at > 0 && bytes.startsWith("\u0003\u0001\u0000\u0000", at + 11);
    }
}
