package org.opentalks.vision;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads dlib's portable serialisation format ({@code dlib/serialize.h}, {@code dlib/float_details.h}): integers
 * as a control byte (low nibble = byte count, 0x80 = negative) followed by little-endian magnitude bytes, and
 * floating-point values as an integer mantissa and a 16-bit exponent. Buffered by hand because the 100 MB
 * landmark model holds 16 million such floats.
 */
final class DlibInput implements AutoCloseable {
    private static final int EXPONENT_INF = 32000;
    private static final int EXPONENT_NEG_INF = 32001;
    private static final int EXPONENT_NAN = 32002;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long consumed;

    DlibInput(InputStream in) {
        this.in = in;
    }

    /** Bytes handed out so far. */
    long consumed() {
        return consumed + position;
    }

    /** True when the underlying stream has nothing left. */
    boolean atEnd() throws IOException {
        return position == limit && !fill();
    }

    long readLong() throws IOException {
        int control = readByte();
        int size = control & 0x0F;
        if (size > 8) {
            throw new IOException("corrupt dlib integer: control byte 0x" + Integer.toHexString(control)
                    + " at offset " + (consumed() - 1));
        }
        long magnitude = 0;
        for (int i = 0; i < size; i++) {
            magnitude |= (long) readByte() << (8 * i);
        }
        return (control & 0x80) != 0 ? -magnitude : magnitude;
    }

    int readInt() throws IOException {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IOException("dlib integer " + value + " out of int range at offset " + consumed());
        }
        return (int) value;
    }

    /** A count or index ({@code unsigned long}) that must fit an array. */
    int readCount() throws IOException {
        int value = readInt();
        if (value < 0) {
            throw new IOException("negative dlib count " + value + " at offset " + consumed());
        }
        return value;
    }

    /** dlib's {@code float_details}: value = mantissa * 2^exponent, converted as {@code ldexp((float) m, e)}. */
    float readFloat() throws IOException {
        long mantissa = readLong();
        long exponent = readLong();
        if (exponent == EXPONENT_INF) {
            return Float.POSITIVE_INFINITY;
        } else if (exponent == EXPONENT_NEG_INF) {
            return Float.NEGATIVE_INFINITY;
        } else if (exponent == EXPONENT_NAN) {
            return Float.NaN;
        }
        return Math.scalb((float) mantissa, (int) exponent);
    }

    /** A column vector {@code matrix<float,0,1>}: negated row and column counts, then the values. */
    float[] readColumnVector() throws IOException {
        long rows = readLong();
        long cols = readLong();
        if (rows > 0 || cols > 0) {
            throw new IOException("unsupported (pre-2012) dlib matrix header at offset " + consumed());
        }
        if (cols != -1) {
            throw new IOException("expected a column vector, got " + (-cols) + " columns at offset " + consumed());
        }
        float[] values = new float[Math.toIntExact(-rows)];
        readFloats(values, 0, values.length);
        return values;
    }

    void readFloats(float[] into, int offset, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            into[offset + i] = readFloat();
        }
    }

    private int readByte() throws IOException {
        if (position == limit && !fill()) {
            throw new EOFException("dlib stream ended early after " + consumed() + " bytes");
        }
        return buffer[position++] & 0xFF;
    }

    private boolean fill() throws IOException {
        consumed += limit;
        position = 0;
        limit = 0;
        int n = in.read(buffer);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
