package org.opentalks.gateway.rest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** The sample photos `./opentalks setup` installs under {@code .opentalks/samples}, and generated audio. */
final class Samples {
    static Path photo(String name) {
        String root = System.getProperty("opentalks.root");
        if (root == null) {
            fail("system property opentalks.root is not set: run the tests through Maven");
        }
        Path file = Path.of(root, ".opentalks", "samples", name);
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing: run ./opentalks setup");
        }
        return file;
    }

    /**
     * A PCM WAV file (canonical 44-byte RIFF header) holding a sine of {@code hz} at half scale on every
     * channel; {@code bits} 8 (unsigned, as WAV stores 8-bit samples) or 16 (signed little-endian).
     */
    static byte[] sineWav(int sampleRate, int channels, int bits, double seconds, double hz) {
        int frames = (int) Math.round(seconds * sampleRate);
        int bytesPerSample = bits / 8;
        int dataBytes = frames * channels * bytesPerSample;
        ByteBuffer wav = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        wav.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * bytesPerSample).putShort((short) (channels * bytesPerSample))
                .putShort((short) bits);
        wav.put(ascii("data")).putInt(dataBytes);
        for (int i = 0; i < frames; i++) {
            double value = 0.5 * Math.sin(2 * Math.PI * hz * i / sampleRate);
            for (int c = 0; c < channels; c++) {
                if (bits == 8) {
                    wav.put((byte) (128 + Math.round(value * 127)));
                } else {
                    wav.putShort((short) Math.round(value * Short.MAX_VALUE));
                }
            }
        }
        return wav.array();
    }

    /** The fields of a PCM WAV file's fmt chunk and its samples (16-bit, first channel). */
    record Wav(int format, int channels, int sampleRate, int bits, short[] samples) {
        double seconds() {
            return (double) samples.length / sampleRate;
        }

        /** Sign changes of the signal: about twice its frequency per second for a sine. */
        int zeroCrossings() {
            int crossings = 0;
            for (int i = 1; i < samples.length; i++) {
                if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                    crossings++;
                }
            }
            return crossings;
        }
    }

    /** Reads a 16-bit PCM WAV file chunk by chunk (RIFF: chunks padded to even sizes). */
    static Wav readWav(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !ascii(bytes, 0).equals("RIFF") || !ascii(bytes, 8).equals("WAVE")) {
            fail("not a RIFF/WAVE file");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int position = 12;
        while (position + 8 <= bytes.length) {
            String id = ascii(bytes, position);
            int size = in.getInt(position + 4);
            int body = position + 8;
            if (id.equals("fmt ")) {
                format = Short.toUnsignedInt(in.getShort(body));
                channels = in.getShort(body + 2);
                rate = in.getInt(body + 4);
                bits = in.getShort(body + 14);
            } else if (id.equals("data")) {
                int frameBytes = channels * bits / 8;
                if (bits != 16 || frameBytes == 0) {
                    fail("expected 16-bit PCM after the fmt chunk, found " + bits + " bits, " + channels + " channels");
                }
                short[] samples = new short[Math.min(size, bytes.length - body) / frameBytes];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = in.getShort(body + i * frameBytes);
                }
                return new Wav(format, channels, rate, bits, samples);
            }
            position = body + size + (size & 1);
        }
        return fail("no data chunk");
    }

    /**
     * A well-formed PNG whose header declares {@code width}×{@code height} 8-bit RGB pixels: black rows,
     * all of them for up to a megapixel, else only the first (what a decompression bomb looks like to
     * anyone reading its header: a few bytes that claim gigabytes).
     */
    static byte[] pngDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        Deflater deflater = new Deflater();
        long rows = (long) width * height <= 1_000_000 ? height : 1;
        deflater.setInput(new byte[(int) (rows * (1 + 3L * Math.min(width, 4096)))]);
        deflater.finish();
        byte[] compressed = new byte[1 << 20];
        int length = deflater.deflate(compressed);
        chunk(out, "IDAT", Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A baseline JPEG's first bytes, up to a frame header declaring {@code width}×{@code height}, then EOI. */
    static byte[] jpegDeclaring(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(25);
        b.put((byte) 0xff).put((byte) 0xd8) // SOI
                .put((byte) 0xff).put((byte) 0xc0).putShort((short) 17).put((byte) 8) // SOF0, precision
                .putShort((short) height).putShort((short) width).put((byte) 3);
        for (int c = 1; c <= 3; c++) {
            b.put((byte) c).put((byte) 0x11).put((byte) 0);
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(ascii(type));
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
    }

    private Samples() {
    }
}
