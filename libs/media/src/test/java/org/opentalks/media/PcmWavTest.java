package org.opentalks.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.event.StageFailure;

class PcmWavTest {
    @TempDir
    Path dir;

    @Test
    void readsBackWhatItWrote() {
        short[] samples = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 1234};
        Path file = dir.resolve("a.wav");
        new PcmWav(22_050, samples).write(file);
        PcmWav read = PcmWav.read(file);
        assertEquals(22_050, read.sampleRate());
        assertArrayEquals(samples, read.samples());
    }

    @Test
    void skipsUnknownChunksAndMixesStereoDown() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 3 + 1 + 8 + 16 + 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        // An odd-sized LIST chunk is padded to an even length.
        b.put("LIST".getBytes()).putInt(3).put(new byte[] {1, 2, 3}).put((byte) 0);
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(16_000)
                .putInt(64_000).putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes()).putInt(8).putShort((short) 100).putShort((short) 300)
                .putShort((short) -50).putShort((short) -150);
        Path file = Files.write(dir.resolve("stereo.wav"), b.array());
        PcmWav read = PcmWav.read(file);
        assertEquals(16_000, read.sampleRate());
        assertArrayEquals(new short[] {200, -100}, read.samples());
    }

    @Test
    void refusesWhatIsNotSixteenBitPcm() throws Exception {
        Path text = Files.writeString(dir.resolve("x.wav"), "RIFF....WAVEnope");
        assertEquals(ErrorKind.AudioError, assertThrows(StageFailure.class, () -> PcmWav.read(text)).kind());

        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8_000)
                .putInt(8_000).putShort((short) 1).putShort((short) 8);
        b.put("data".getBytes()).putInt(0);
        Path eightBit = Files.write(dir.resolve("u8.wav"), b.array());
        assertEquals(ErrorKind.AudioError, assertThrows(StageFailure.class, () -> PcmWav.read(eightBit)).kind());
    }

    @Test
    void resamplesToTheAacRateKeepingLengthAndPitch() {
        assertEquals(44_100, SpeechTrack.aacRateFor(22_050));
        assertEquals(48_000, SpeechTrack.aacRateFor(16_000));
        assertEquals(48_000, SpeechTrack.aacRateFor(24_000));
        short[] tone = new short[22_050];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * 440 * i / 22_050.0));
        }
        float[] out = SpeechTrack.resample(tone, 22_050, 44_100);
        assertEquals(44_100, out.length);
        DecodedAudio audio = new DecodedAudio(44_100, out);
        assertEquals(440, audio.frequency(0.1, 0.9), 3);
        assertEquals(16000 / 32768.0 / Math.sqrt(2), audio.rms(0.1, 0.9), 0.01);
    }
}
