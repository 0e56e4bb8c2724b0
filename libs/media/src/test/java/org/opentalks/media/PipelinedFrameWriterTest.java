package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinedFrameWriterTest {
    @TempDir
    Path dir;

    @Test
    void encodesTheSameVideoAsThePlainWriterWhileTheCallerReusesItsArray() {
        Path plain = dir.resolve("plain.mp4");
        Path pipelined = dir.resolve("pipelined.mp4");
        try (FrameVideoWriter writer = FrameVideoWriter.open(plain, 256, 256, 25)) {
            for (int t = 0; t < 40; t++) {
                writer.write(Synthetic.movingGradient(256, 256, t));
            }
        }
        byte[] reused = new byte[256 * 256 * 3];
        try (PipelinedFrameWriter writer = PipelinedFrameWriter.open(pipelined, 256, 256, 25)) {
            for (int t = 0; t < 40; t++) {
                byte[] frame = Synthetic.movingGradient(256, 256, t);
                System.arraycopy(frame, 0, reused, 0, frame.length);
                writer.write(reused);
                Arrays.fill(reused, (byte) 0);
            }
        }

        assertEquals(40, MediaProbe.probeCountingFrames(pipelined).video().frames());
        List<byte[]> expected = VideoFrames.readAll(plain);
        List<byte[]> actual = VideoFrames.readAll(pipelined);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "frame " + i);
        }
    }

    @Test
    void reportsAnEncoderFailureToTheCaller() {
        PipelinedFrameWriter writer = PipelinedFrameWriter.open(dir.resolve("bad.mp4"), 64, 64, 25);
        writer.write(new byte[7]);
        assertThrows(IllegalArgumentException.class, writer::close);
    }
}
