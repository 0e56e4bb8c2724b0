package org.opentalks.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.event.StageFailure;

/**
 * A 16-bit PCM RIFF/WAVE file, read into memory and mixed down to mono. Chunk layout per the
 * Microsoft RIFF WAVE spec: "RIFF" size "WAVE", then chunks ("fmt ", "data", ...) padded to even sizes.
 */
record PcmWav(int sampleRate, short[] samples) {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    double durationSeconds() {
        return (double) samples.length / sampleRate;
    }

    static PcmWav read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the speech audio " + file, e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || in.getInt(0) != fourCc("RIFF") || in.getInt(8) != fourCc("WAVE")) {
            throw malformed(file, "not a RIFF/WAVE file");
        }
        int channels = 0;
        int sampleRate = 0;
        int position = 12;
        while (position + 8 <= bytes.length) {
            int id = in.getInt(position);
            long size = Integer.toUnsignedLong(in.getInt(position + 4));
            int body = position + 8;
            if (id == fourCc("fmt ")) {
                int format = Short.toUnsignedInt(in.getShort(body));
                channels = Short.toUnsignedInt(in.getShort(body + 2));
                sampleRate = in.getInt(body + 4);
                int bits = Short.toUnsignedInt(in.getShort(body + 14));
                if (format == FORMAT_EXTENSIBLE && size >= 26) {
                    format = Short.toUnsignedInt(in.getShort(body + 24));
                }
                if (format != FORMAT_PCM || bits != 16 || channels < 1 || sampleRate <= 0) {
                    throw malformed(file, "expected 16-bit PCM, found format " + format + ", " + bits + " bits, "
                            + channels + " channels at " + sampleRate + " Hz");
                }
            } else if (id == fourCc("data")) {
                if (channels == 0) {
                    throw malformed(file, "the data chunk comes before the fmt chunk");
                }
                // Writers that stream may leave the size at 0 or 0xFFFFFFFF: take what is there.
                long available = bytes.length - body;
                int length = (int) (size == 0 || size > available ? available : size);
                return new PcmWav(sampleRate, mixDown(in, body, length / (2 * channels), channels));
            }
            position = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw malformed(file, "no data chunk");
    }

    private static short[] mixDown(ByteBuffer in, int offset, int frames, int channels) {
        short[] mono = new short[frames];
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += in.getShort(offset + 2 * (i * channels + c));
            }
            mono[i] = (short) (sum / channels);
        }
        return mono;
    }

    /** Writes a mono 16-bit file (tests and tools). */
    void write(Path file) {
        ByteBuffer out = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(fourCc("RIFF")).putInt(36 + 2 * samples.length).putInt(fourCc("WAVE"));
        out.putInt(fourCc("fmt ")).putInt(16).putShort((short) FORMAT_PCM).putShort((short) 1)
                .putInt(sampleRate).putInt(2 * sampleRate).putShort((short) 2).putShort((short) 16);
        out.putInt(fourCc("data")).putInt(2 * samples.length);
        for (short s : samples) {
            out.putShort(s);
        }
        try {
            Files.write(file, out.array());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static int fourCc(String id) {
        return id.charAt(0) | id.charAt(1) << 8 | id.charAt(2) << 16 | id.charAt(3) << 24;
    }

    private static StageFailure malformed(Path file, String why) {
        return new StageFailure(ErrorKind.AudioError, "The speech audio " + file.getFileName()
                + " is not a usable WAV file: " + why + ".");
    }
}
