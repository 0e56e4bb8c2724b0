package org.opentalks.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level boxes of an MP4 (ISO/IEC 14496-12, 4.2: 32-bit size, 4-char type, a 64-bit size
 * when the size is 1, to the end of the file when it is 0).
 */
public final class Mp4Layout {
    /** Box types in file order, e.g. [ftyp, moov, free, mdat]. */
    public static List<String> topLevelBoxes(Path file) {
        List<String> types = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(16);
            while (position + 8 <= length) {
                header.clear().limit(16);
                channel.read(header, position);
                long size = Integer.toUnsignedLong(header.getInt(0));
                types.add(new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1));
                if (size == 1) {
                    size = header.getLong(8);
                } else if (size == 0) {
                    size = length - position;
                }
                if (size < 8) {
                    throw new MediaException(file + " is not an MP4: box of size " + size + " at byte " + position);
                }
                position += size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return types;
    }

    /** True when the index (moov) comes before the media data (mdat), so playback can start early. */
    public static boolean isFastStart(Path file) {
        List<String> boxes = topLevelBoxes(file);
        int moov = boxes.indexOf("moov");
        int mdat = boxes.indexOf("mdat");
        return moov >= 0 && mdat >= 0 && moov < mdat;
    }

    /**
     * The major brand of the leading {@code ftyp} box (ISO/IEC 14496-12, 4.3), e.g. "isom" for an MP4
     * and "qt  " for a QuickTime MOV; null when the file does not start with one.
     */
    public static String majorBrand(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(12);
            channel.read(header, 0);
            String text = new String(header.array(), 0, header.position(), StandardCharsets.ISO_8859_1);
            return text.length() == 12 && text.startsWith("ftyp", 4) ? text.substring(8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private Mp4Layout() {
    }
}
