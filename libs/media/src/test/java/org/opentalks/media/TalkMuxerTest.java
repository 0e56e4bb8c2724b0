package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.event.StageFailure;

class TalkMuxerTest {
    private static final int FRAMES = 50;

    @TempDir
    Path dir;
    private Path gradientVideo;
    private Path purpleVideo;
    private Path tone;

    @BeforeEach
    void writeInputs() {
        gradientVideo = dir.resolve("gradient.mp4");
        try (FrameVideoWriter writer = FrameVideoWriter.open(gradientVideo, 512, 512, 25)) {
            for (int t = 0; t < FRAMES; t++) {
                writer.write(Synthetic.movingGradient(512, 512, t));
            }
        }
        purpleVideo = dir.resolve("purple.mp4");
        try (FrameVideoWriter writer = FrameVideoWriter.open(purpleVideo, 512, 512, 25)) {
            for (int t = 0; t < FRAMES; t++) {
                writer.write(Synthetic.purpleFrame(512, t));
            }
        }
        tone = Synthetic.toneWav(dir.resolve("tone.wav"), 2.0, 440, 22_050);
    }

    @Test
    void copiesTheVideoAndAddsAacThatEndsWithIt() throws Exception {
        Path talk = dir.resolve("talk.mp4");
        long start = System.nanoTime();
        MuxResult result = new TalkMuxer().mux(gradientVideo, tone, talk, (Stitch) null);
        System.out.printf("mux (stream copy + AAC), 2 s talk: %.0f ms%n", (System.nanoTime() - start) / 1e6);

        assertEquals(new MuxResult(FRAMES, 2.0, 512, 512, Files.size(talk)), result);
        ProbeResult probe = MediaProbe.probeCountingFrames(talk);
        ProbeResult.Stream video = probe.video();
        ProbeResult.Stream audio = probe.audio();
        assertEquals("h264", video.codecName());
        assertEquals(512, video.width());
        assertEquals(512, video.height());
        assertEquals(25.0, video.frameRate(), 1e-9);
        assertEquals(FRAMES, video.frames());
        assertEquals(2.0, video.durationSeconds(), 0.1);
        assertEquals("aac", audio.codecName());
        assertTrue(audio.sampleRate() == 44_100 || audio.sampleRate() == 48_000, "rate " + audio.sampleRate());
        assertTrue(audio.channels() == 1 || audio.channels() == 2, "channels " + audio.channels());
        assertEquals(2.0, audio.durationSeconds(), 0.1);
        assertEquals(video.durationSeconds(), audio.durationSeconds(), 0.1);
        assertEquals(2.0, probe.format().durationSeconds(), 0.1);
        assertTrue(Mp4Layout.isFastStart(talk), "moov before mdat: " + Mp4Layout.topLevelBoxes(talk));

        // Stream copy: the talk decodes to exactly the frames video's pictures.
        List<byte[]> original = VideoFrames.readAll(gradientVideo);
        List<byte[]> copied = VideoFrames.readAll(talk);
        assertEquals(FRAMES, copied.size());
        double worst = Double.POSITIVE_INFINITY;
        for (int t = 0; t < FRAMES; t++) {
            assertArrayEquals(original.get(t), copied.get(t), "frame " + t + " was re-encoded");
            worst = Math.min(worst, Synthetic.psnr(Synthetic.movingGradient(512, 512, t), copied.get(t)));
        }
        assertTrue(worst > 30, "worst frame PSNR " + worst + " dB");

        DecodedAudio sound = DecodedAudio.of(talk);
        assertEquals(440, sound.frequency(0.2, 1.8), 5);
        assertEquals(0.35, sound.rms(0.2, 1.8), 0.05, "a half-scale sine has RMS 0.5/sqrt(2)");
    }

    @Test
    void padsShortSpeechWithSilenceAndCutsLongSpeech() throws Exception {
        Path shortTone = Synthetic.toneWav(dir.resolve("short.wav"), 1.0, 440, 22_050);
        Path padded = dir.resolve("padded.mp4");
        new TalkMuxer().mux(gradientVideo, shortTone, padded, (Stitch) null);
        ProbeResult probe = MediaProbe.probe(padded);
        assertEquals(2.0, probe.audio().durationSeconds(), 0.1);
        DecodedAudio sound = DecodedAudio.of(padded);
        assertTrue(sound.rms(0.2, 0.9) > 0.3, "speech at the start");
        assertTrue(sound.rms(1.2, 1.9) < 0.01, "silence after the speech: " + sound.rms(1.2, 1.9));

        Path longTone = Synthetic.toneWav(dir.resolve("long.wav"), 3.5, 440, 22_050);
        Path cut = dir.resolve("cut.mp4");
        MuxResult result = new TalkMuxer().mux(gradientVideo, longTone, cut, (Stitch) null);
        assertEquals(2.0, result.durationSeconds(), 1e-9);
        assertEquals(2.0, MediaProbe.probe(cut).audio().durationSeconds(), 0.1);
        assertEquals(2.0, DecodedAudio.of(cut).durationSeconds(), 0.1);
    }

    @Test
    void stitchesTheCropBackIntoAPhoto() throws Exception {
        BufferedImage photo = Synthetic.photo(800, 600);
        Box crop = new Box(250, 100, 300, 300);
        Path talk = dir.resolve("stitched.mp4");
        long start = System.nanoTime();
        MuxResult result = new TalkMuxer().mux(purpleVideo, tone, talk, new Stitch(photo, crop));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("mux with stitch 800x600: %.0f fps (%d frames in %.2f s)%n",
                FRAMES / seconds, FRAMES, seconds);

        assertEquals(new MuxResult(FRAMES, 2.0, 800, 600, Files.size(talk)), result);
        ProbeResult probe = MediaProbe.probeCountingFrames(talk);
        assertEquals("h264", probe.video().codecName());
        assertEquals(FRAMES, probe.video().frames());
        assertEquals(25.0, probe.video().frameRate(), 1e-9);
        assertEquals(probe.video().durationSeconds(), probe.audio().durationSeconds(), 0.1);
        assertTrue(Mp4Layout.isFastStart(talk));

        byte[] expectedPhoto;
        try (StitchCompositor compositor = new StitchCompositor(photo, crop)) {
            expectedPhoto = compositor.photoBgr();
        }
        List<byte[]> frames = VideoFrames.readAll(talk);
        assertEquals(FRAMES, frames.size());
        for (int t : new int[] {0, 24, 49}) {
            byte[] frame = frames.get(t);
            assertOutsideMatchesPhoto(frame, expectedPhoto, 800, 600, crop, 1.0);
            assertPurpleAt(frame, 800, 400, 250, t);
        }
    }

    @Test
    void capsALargePhotoAt1280AndKeepsItsAspect() throws Exception {
        BufferedImage photo = Synthetic.photo(2000, 1500);
        Box crop = new Box(700, 300, 600, 600);
        Path talk = dir.resolve("large.mp4");
        long start = System.nanoTime();
        MuxResult result = new TalkMuxer().mux(purpleVideo, tone, talk, new Stitch(photo, crop));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("mux with stitch 1280x960: %.0f fps (%d frames in %.2f s)%n",
                FRAMES / seconds, FRAMES, seconds);

        assertEquals(1280, result.width());
        assertEquals(960, result.height());
        ProbeResult.Stream video = MediaProbe.probe(talk).video();
        assertEquals(1280, video.width());
        assertEquals(960, video.height());

        byte[] expectedPhoto;
        try (StitchCompositor compositor = new StitchCompositor(photo, crop)) {
            expectedPhoto = compositor.photoBgr();
        }
        byte[] frame = VideoFrames.readAll(talk).get(FRAMES / 2);
        assertOutsideMatchesPhoto(frame, expectedPhoto, 1280, 960, crop, 0.64);
        assertPurpleAt(frame, 1280, 640, 384, FRAMES / 2);
    }

    @Test
    void stitchesACropThatHangsOverThePhotoEdge() throws Exception {
        BufferedImage photo = Synthetic.photo(640, 480);
        Box crop = new Box(-120, -80, 360, 360);
        Path talk = dir.resolve("edge.mp4");
        MuxResult result = new TalkMuxer().mux(purpleVideo, tone, talk, new Stitch(photo, crop));

        assertEquals(640, result.width());
        assertEquals(480, result.height());
        assertEquals(FRAMES, result.numFrames());
        byte[] expectedPhoto;
        try (StitchCompositor compositor = new StitchCompositor(photo, crop)) {
            expectedPhoto = compositor.photoBgr();
        }
        byte[] frame = VideoFrames.readAll(talk).get(10);
        assertOutsideMatchesPhoto(frame, expectedPhoto, 640, 480, crop, 1.0);
        assertPurpleAt(frame, 640, 60, 100, 10);
    }

    @Test
    void refusesAnUnreadableWav() throws Exception {
        Path notWav = Files.writeString(dir.resolve("speech.wav"), "this is not audio");
        Path talk = dir.resolve("never.mp4");
        StageFailure failure = assertThrows(StageFailure.class,
                () -> new TalkMuxer().mux(gradientVideo, notWav, talk, (Stitch) null));
        assertEquals(ErrorKind.AudioError, failure.kind());
        assertFalse(Files.exists(talk));
    }

    /**
     * Pixels at least 24 output pixels away from the crop box match the photo within codec error:
     * mean absolute difference under 3 levels, and no pixel off by more than 24.
     */
    private static void assertOutsideMatchesPhoto(byte[] frame, byte[] photo, int width, int height, Box crop,
                                                  double scale) {
        double margin = 24;
        double bx0 = crop.x() * scale - margin;
        double by0 = crop.y() * scale - margin;
        double bx1 = (crop.x() + crop.width()) * scale + margin;
        double by1 = (crop.y() + crop.height()) * scale + margin;
        long sum = 0;
        int count = 0;
        int worst = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (x >= bx0 && x < bx1 && y >= by0 && y < by1) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    int i = (y * width + x) * 3 + c;
                    int d = Math.abs((frame[i] & 0xFF) - (photo[i] & 0xFF));
                    sum += d;
                    worst = Math.max(worst, d);
                    count++;
                }
            }
        }
        double mean = (double) sum / count;
        assertTrue(count > 0);
        assertTrue(mean < 3, "mean difference from the photo outside the crop: " + mean);
        assertTrue(worst <= 24, "largest difference from the photo outside the crop: " + worst);
    }

    private static void assertPurpleAt(byte[] frame, int width, int x, int y, int t) {
        int[] expected = Synthetic.pixel(Synthetic.purpleFrame(1, t), 1, 0, 0);
        int[] actual = Synthetic.pixel(frame, width, x, y);
        for (int c = 0; c < 3; c++) {
            assertEquals(expected[c], actual[c], 12, "channel " + c + " at (" + x + ", " + y + "), frame " + t);
        }
    }
}
