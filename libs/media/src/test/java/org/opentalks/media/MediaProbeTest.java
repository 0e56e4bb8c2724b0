package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {
    @TempDir
    Path dir;

    @Test
    void readsFfprobeJson() {
        String json = """
                {"streams": [
                  {"index": 0, "codec_name": "h264", "profile": "High", "codec_type": "video", "width": 1280,
                   "height": 720, "pix_fmt": "yuv420p", "avg_frame_rate": "30000/1001", "duration": "N/A",
                   "nb_frames": "120", "bit_rate": "2000000"},
                  {"index": 1, "codec_name": "aac", "codec_type": "audio", "sample_rate": "48000",
                   "channels": 2, "avg_frame_rate": "0/0", "duration": "4.010000"}],
                 "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "4.010000",
                   "size": "1048576", "bit_rate": "2091000"}}
                """;
        ProbeResult probe = MediaProbe.parse(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(29.97, probe.video().frameRate(), 0.001);
        assertTrue(Double.isNaN(probe.video().durationSeconds()));
        assertEquals(120, probe.video().frames());
        assertEquals(48_000, probe.audio().sampleRate());
        assertEquals(2, probe.audio().channels());
        assertTrue(Double.isNaN(probe.audio().frameRate()));
        assertEquals(-1, probe.audio().frames());
        assertEquals(4.01, probe.format().durationSeconds(), 1e-9);
        assertEquals(1_048_576, probe.format().sizeBytes());
    }

    @Test
    void reportsWhatFfprobeCannotRead() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video");
        MediaException failure = assertThrows(MediaException.class, () -> MediaProbe.probe(junk));
        assertTrue(failure.getMessage().contains("ffprobe failed"), failure.getMessage());
        assertThrows(MediaException.class, () -> MediaProbe.probe(dir.resolve("missing.mp4")));
    }

    @Test
    void tellsAFastStartFileFromOneWithTheIndexAtTheEnd() throws Exception {
        // FFmpeg's default MP4 layout writes the index after the media data.
        Path plain = dir.resolve("plain.mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(plain.toFile(), 64, 64)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName(H264Encoder.CODEC_NAME);
            recorder.setFrameRate(25);
            recorder.start();
            Frame frame = new Frame(64, 64, Frame.DEPTH_UBYTE, 3);
            for (int i = 0; i < 10; i++) {
                recorder.record(frame);
            }
        }
        List<String> boxes = Mp4Layout.topLevelBoxes(plain);
        assertTrue(boxes.indexOf("mdat") < boxes.indexOf("moov"), boxes.toString());
        assertFalse(Mp4Layout.isFastStart(plain));
        assertEquals(64, MediaProbe.probe(plain).video().width());

        Path fast = dir.resolve("fast.mp4");
        try (FrameVideoWriter writer = FrameVideoWriter.open(fast, 64, 64, 25)) {
            writer.write(new byte[64 * 64 * 3]);
        }
        assertTrue(Mp4Layout.isFastStart(fast), Mp4Layout.topLevelBoxes(fast).toString());
    }
}
