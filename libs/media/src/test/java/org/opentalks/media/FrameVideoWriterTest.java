package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameVideoWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesH264At25FpsThatDecodesBackClose() {
        Path video = dir.resolve("frames.mp4");
        try (FrameVideoWriter writer = FrameVideoWriter.open(video, 512, 512, 25)) {
            for (int t = 0; t < 50; t++) {
                writer.write(Synthetic.movingGradient(512, 512, t));
            }
        }

        ProbeResult probe = MediaProbe.probeCountingFrames(video);
        ProbeResult.Stream stream = probe.video();
        assertEquals("h264", stream.codecName());
        assertEquals(512, stream.width());
        assertEquals(512, stream.height());
        assertEquals("yuv420p", stream.pixelFormat());
        assertEquals(25.0, stream.frameRate(), 1e-9);
        assertEquals(50, stream.frames());
        assertEquals(2.0, stream.durationSeconds(), 0.01);
        assertFalse(probe.hasAudio(), "the frames video carries no audio");
        assertTrue(Mp4Layout.isFastStart(video), "moov before mdat: " + Mp4Layout.topLevelBoxes(video));

        List<byte[]> decoded = VideoFrames.readAll(video);
        assertEquals(50, decoded.size());
        double worst = Double.POSITIVE_INFINITY;
        for (int t = 0; t < decoded.size(); t++) {
            worst = Math.min(worst, Synthetic.psnr(Synthetic.movingGradient(512, 512, t), decoded.get(t)));
        }
        System.out.printf("frames video: worst frame PSNR %.1f dB, %d bytes%n", worst, probe.format().sizeBytes());
        assertTrue(worst > 30, "worst frame PSNR " + worst + " dB");
    }

    @Tag("bench")
    @Test
    void encodesFastEnoughToKeepUpWithTheRenderer() {
        int frames = 250;
        byte[][] pictures = new byte[25][];
        for (int t = 0; t < pictures.length; t++) {
            pictures[t] = Synthetic.movingGradient(512, 512, t);
        }
        Path video = dir.resolve("timed.mp4");
        long start = System.nanoTime();
        try (FrameVideoWriter writer = FrameVideoWriter.open(video, 512, 512, 25)) {
            for (int t = 0; t < frames; t++) {
                writer.write(pictures[t % pictures.length]);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("FrameVideoWriter 512x512: %.0f fps (%d frames in %.2f s)%n",
                frames / seconds, frames, seconds);
        assertEquals(frames, MediaProbe.probeCountingFrames(video).video().frames());
    }

    @Test
    void rejectsOddSizesAndWrongFrames() {
        assertThrows(IllegalArgumentException.class, () -> FrameVideoWriter.open(dir.resolve("odd.mp4"), 511, 512, 25));
        try (FrameVideoWriter writer = FrameVideoWriter.open(dir.resolve("w.mp4"), 64, 64, 25)) {
            assertThrows(IllegalArgumentException.class, () -> writer.write(new byte[64 * 64]));
            writer.write(new byte[64 * 64 * 3]);
        }
    }
}
