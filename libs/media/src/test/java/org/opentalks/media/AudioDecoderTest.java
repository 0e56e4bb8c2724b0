package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.media.UnusableMediaException.Reason;

class AudioDecoderTest {
    private static final double SECONDS = 2.0;

    @TempDir
    Path dir;

    @Test
    void decodesWav44kStereo() throws Exception {
        assertDecodesTheSine(FfmpegCli.sine(dir.resolve("tone.wav"), SECONDS, "-c:a", "pcm_s16le"));
    }

    @Test
    void decodesFlac() throws Exception {
        assertDecodesTheSine(FfmpegCli.sine(dir.resolve("tone.flac"), SECONDS));
    }

    @Test
    void decodesM4aAac() throws Exception {
        assertDecodesTheSine(FfmpegCli.sine(dir.resolve("tone.m4a"), SECONDS, "-c:a", "aac", "-b:a", "128k"));
    }

    @Test
    void decodesMp3() throws Exception {
        assertDecodesTheSine(FfmpegCli.sine(dir.resolve("tone.mp3"), SECONDS, "-c:a", "libmp3lame", "-b:a", "128k"));
    }

    @Test
    void decodesOggOpus() throws Exception {
        assertDecodesTheSine(FfmpegCli.sine(dir.resolve("tone.ogg"), SECONDS, "-c:a", "libopus", "-ar", "48000"));
    }

    @Test
    void decodesTheSoundOfAnMp4WithVideo() throws Exception {
        Path video = dir.resolve("clip.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc=size=128x128:rate=25:duration=" + SECONDS,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + SECONDS,
                "-c:v", H264Encoder.CODEC_NAME, "-c:a", "aac", "-af", FfmpegCli.TO_STEREO, video.toString());
        assertDecodesTheSine(video);
    }

    @Test
    void decodesTheSoundOfAWebm() throws Exception {
        Path video = dir.resolve("clip.webm");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc=size=128x128:rate=25:duration=" + SECONDS,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + SECONDS,
                "-c:v", "libvpx", "-c:a", "libopus", "-af", FfmpegCli.TO_STEREO, video.toString());
        assertDecodesTheSine(video);
    }

    @Test
    void writesA16kMonoWav() throws Exception {
        Path source = FfmpegCli.sine(dir.resolve("tone.m4a"), SECONDS, "-c:a", "aac");
        Path wav = dir.resolve("speech.wav");
        double seconds = AudioDecoder.decodeToWav(source, wav, 60);

        assertEquals(SECONDS, seconds, 0.05);
        ProbeResult.Stream audio = MediaProbe.probe(wav).audio();
        assertEquals("pcm_s16le", audio.codecName());
        assertEquals(16_000, audio.sampleRate());
        assertEquals(1, audio.channels());
        assertEquals(seconds, audio.durationSeconds(), 1e-3);
        PcmWav read = PcmWav.read(wav);
        assertEquals(16_000, read.sampleRate());
        assertEquals(seconds, read.durationSeconds(), 1e-9);
    }

    @Test
    void refusesAPicture() throws Exception {
        Path jpeg = dir.resolve("photo.jpg");
        ImageIO.write(Synthetic.photo(64, 48), "jpg", jpeg.toFile());
        assertRefused(jpeg, Reason.NOT_MEDIA, "not an audio or video file");
    }

    @Test
    void refusesRandomBytes() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(42).nextBytes(noise);
        assertRefused(Files.write(dir.resolve("noise.mp3"), noise), Reason.NOT_MEDIA, "not an audio or video file");
        assertRefused(Files.writeString(dir.resolve("notes.wav"), "not audio at all"), Reason.NOT_MEDIA,
                "not an audio or video file");
    }

    @Test
    void refusesAVideoWithoutSound() throws Exception {
        Path silent = dir.resolve("silent.mp4");
        try (FrameVideoWriter writer = FrameVideoWriter.open(silent, 64, 64, 25)) {
            for (int t = 0; t < 10; t++) {
                writer.write(Synthetic.movingGradient(64, 64, t));
            }
        }
        assertRefused(silent, Reason.NO_AUDIO, "no audio stream");
    }

    @Test
    void refusesAudioOverTheLimitFromItsHeader() throws Exception {
        Path wav = FfmpegCli.sine(dir.resolve("long.wav"), 3.0, "-c:a", "pcm_s16le");
        UnusableMediaException e = assertRefused(wav, Reason.TOO_LONG, "lasts 3.00 s, longer than the limit of 2.0 s");
        assertFalse(e.getMessage().contains(dir.toString()), "no server paths in the message: " + e.getMessage());
    }

    @Test
    void acceptsRecordingsOfExactlyTheLimit() throws Exception {
        // AAC pads its last frame and Opus its last page: both state or decode a little over 2 s.
        Path m4a = FfmpegCli.sine(dir.resolve("limit.m4a"), SECONDS, "-c:a", "aac");
        Path opus = FfmpegCli.sine(dir.resolve("limit.ogg"), SECONDS, "-c:a", "libopus", "-ar", "48000");
        for (Path file : new Path[] {m4a, opus}) {
            double seconds = AudioDecoder.decode(file, SECONDS).length / 16_000.0;
            assertEquals(SECONDS, seconds, 0.05, file.getFileName().toString());
        }
    }

    @Test
    void stopsDecodingAtTheLimitWhenTheHeaderDoesNotTell() throws Exception {
        // Raw ADTS AAC states no duration: FFmpeg only guesses one from the bit rate.
        Path adts = FfmpegCli.sine(dir.resolve("long.aac"), 3.0, "-c:a", "aac", "-f", "adts");
        assertRefused(adts, Reason.TOO_LONG, "it is longer than the limit of 2.0 s");
        assertEquals(3.0, AudioDecoder.decode(adts, 3.5).length / 16_000.0, 0.05);
    }

    @Test
    void refusesAMissingFileAsAnInternalError() {
        MediaException e = assertThrows(MediaException.class,
                () -> AudioDecoder.decode(dir.resolve("missing.wav"), 60));
        assertFalse(e instanceof UnusableMediaException, "a missing file is the caller's bug, not the client's");
    }

    private void assertDecodesTheSine(Path source) {
        long start = System.nanoTime();
        short[] samples = AudioDecoder.decode(source, 60);
        System.out.printf("decode %s to 16 kHz mono: %.0f ms%n", source.getFileName(),
                (System.nanoTime() - start) / 1e6);

        DecodedAudio audio = new DecodedAudio(AudioDecoder.SAMPLE_RATE, floats(samples));
        assertEquals(SECONDS, audio.durationSeconds(), 0.05, source.getFileName() + " duration");
        assertEquals(440, audio.frequency(0.2, 1.8), 5, source.getFileName() + " frequency");
        // lavfi's sine has amplitude 1/8, so RMS 0.125 / sqrt(2); the stereo mix-down keeps it.
        assertEquals(0.0884, audio.rms(0.2, 1.8), 0.01, source.getFileName() + " level");
    }

    private static UnusableMediaException assertRefused(Path file, Reason reason, String why) {
        UnusableMediaException e = assertThrows(UnusableMediaException.class, () -> AudioDecoder.decode(file, 2.0));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        return e;
    }

    private static float[] floats(short[] samples) {
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] / 32768f;
        }
        return out;
    }
}
