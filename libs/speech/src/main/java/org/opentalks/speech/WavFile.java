package org.opentalks.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * RIFF/WAVE files of 16-bit PCM (Microsoft "Multimedia Programming Interface and Data Specifications 1.0",
 * WAVE chunk; WAVE_FORMAT_EXTENSIBLE per the Microsoft WAVEFORMATEXTENSIBLE docs).
 */
public final class WavFile {

    private static final int HEADER_SIZE = 44;
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavFile() {
    }

    /** A canonical 44-byte-header WAV of mono 16-bit little-endian PCM. */
    public static byte[] encode(short[] samples, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        if (samples.length > (Integer.MAX_VALUE - HEADER_SIZE) / 2) {
            throw new IllegalArgumentException("too many samples for one WAV file: " + samples.length);
        }
        int dataSize = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + dataSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(36 + dataSize).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16)
                .putShort((short) FORMAT_PCM)
                .putShort((short) 1) // channels
                .putInt(sampleRate)
                .putInt(sampleRate * 2) // byte rate
                .putShort((short) 2) // block align
                .putShort((short) 16); // bits per sample
        b.put(ascii("data")).putInt(dataSize);
        b.asShortBuffer().put(samples);
        return b.array();
    }

    /**
     * Reads 16-bit PCM, mono or stereo (averaged to mono), plain or WAVE_FORMAT_EXTENSIBLE.
     *
     * @throws IllegalArgumentException if the bytes are not such a WAV file, saying what was found instead
     */
    public static Pcm decode(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int channels = 0;
        int sampleRate = 0;
        int at = 12;
        while (at + 8 <= wav.length) {
            String id = tag(b, at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            int body = at + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > wav.length) {
                    throw new IllegalArgumentException("WAV fmt chunk is truncated");
                }
                int format = Short.toUnsignedInt(b.getShort(body));
                channels = Short.toUnsignedInt(b.getShort(body + 2));
                sampleRate = b.getInt(body + 4);
                int bits = Short.toUnsignedInt(b.getShort(body + 14));
                if (format == FORMAT_EXTENSIBLE && size >= 26 && body + 26 <= wav.length) {
                    // The sub-format GUID starts with the plain format code.
                    format = Short.toUnsignedInt(b.getShort(body + 24));
                }
                if (format != FORMAT_PCM || bits != 16 || channels < 1 || channels > 2 || sampleRate <= 0) {
                    throw new IllegalArgumentException("unsupported WAV: format " + format + ", " + bits + " bits, "
                            + channels + " channels, " + sampleRate + " Hz; need 16-bit PCM, mono or stereo");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new IllegalArgumentException("WAV data chunk comes before its fmt chunk");
                }
                // Streaming writers leave the size at 0xFFFFFFFF; truncated files claim more than they hold.
                int bytes = (int) Math.min(size, wav.length - body);
                return new Pcm(toMono(b, body, bytes / (2 * channels), channels), sampleRate);
            }
            // Chunks are padded to an even size.
            long nextChunk = body + size + (size & 1);
            if (nextChunk > wav.length) {
                break;
            }
            at = (int) nextChunk;
        }
        throw new IllegalArgumentException("WAV file has no data chunk");
    }

    private static short[] toMono(ByteBuffer b, int offset, int frames, int channels) {
        short[] out = new short[frames];
        if (channels == 1) {
            b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(offset).asShortBuffer().get(out);
            return out;
        }
        for (int i = 0, at = offset; i < frames; i++, at += 4) {
            out[i] = (short) ((b.getShort(at) + b.getShort(at + 2)) >> 1);
        }
        return out;
    }

    private static String tag(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        b.get(at, id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
