package org.opentalks.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WavFileTest {

    @Test
    void roundTripsSynthesizedSpeech() {
        Speech speech;
        try (EspeakSynthesizer tts = new EspeakSynthesizer()) {
            speech = tts.synthesize("Round trip.", "en-us");
        }
        byte[] wav = WavFile.encode(speech.samples(), speech.sampleRate());
        assertEquals(44 + 2 * speech.samples().length, wav.length);
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        Pcm pcm = WavFile.decode(wav);
        assertEquals(22_050, pcm.sampleRate());
        assertArrayEquals(speech.samples(), pcm.samples());
    }

    @Test
    void roundTripsExtremeValuesAndEmptyAudio() {
        short[] samples = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 12345};
        assertArrayEquals(samples, WavFile.decode(WavFile.encode(samples, 16_000)).samples());
        Pcm empty = WavFile.decode(WavFile.encode(new short[0], 8_000));
        assertEquals(0, empty.samples().length);
        assertEquals(8_000, empty.sampleRate());
    }

    @Test
    void downmixesStereoAndSkipsOtherChunks() {
        short[] interleaved = {100, 300, -200, -400, Short.MAX_VALUE, Short.MAX_VALUE};
        byte[] wav = wav(1, 2, 44_100, 16, interleaved, true);
        Pcm pcm = WavFile.decode(wav);
        assertEquals(44_100, pcm.sampleRate());
        assertArrayEquals(new short[] {200, -300, Short.MAX_VALUE}, pcm.samples());
    }

    @Test
    void readsWaveFormatExtensiblePcm() {
        short[] samples = {5, -5, 7};
        assertArrayEquals(samples, WavFile.decode(wav(0xFFFE, 1, 48_000, 16, samples, false)).samples());
    }

    @Test
    void rejectsWhatItCannotRead() {
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
                () -> WavFile.decode(wav(1, 1, 8_000, 8, new short[] {1}, false)));
        assertTrue(bits.getMessage().contains("8 bits"), bits.getMessage());
        IllegalArgumentException floats = assertThrows(IllegalArgumentException.class,
                () -> WavFile.decode(wav(3, 1, 8_000, 16, new short[] {1}, false)));
        assertTrue(floats.getMessage().contains("format 3"), floats.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WavFile.decode("not a wav at all".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> WavFile.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> WavFile.encode(new short[1], 0));
    }

    /** Builds a WAV by hand, optionally with an odd-sized LIST chunk before the data (padded to even). */
    private static byte[] wav(int format, int channels, int rate, int bits, short[] samples, boolean listChunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean extensible = format == 0xFFFE;
        ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) format).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (extensible) {
            fmt.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 4 : 3).putShort((short) 1);
        }
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.asShortBuffer().put(samples);
        chunk(out, "fmt ", fmt.array());
        if (listChunk) {
            chunk(out, "LIST", "INFOabc".getBytes(StandardCharsets.US_ASCII));
        }
        chunk(out, "data", data.array());
        byte[] body = out.toByteArray();
        ByteBuffer file = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body);
        return file.array();
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] body) {
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        header.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length);
        out.writeBytes(header.array());
        out.writeBytes(body);
        if (body.length % 2 == 1) {
            out.write(0);
        }
    }
}
