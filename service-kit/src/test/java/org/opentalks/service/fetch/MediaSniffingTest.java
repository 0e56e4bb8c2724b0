package org.opentalks.service.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/** Types from magic bytes, and image sizes from headers, without decoding. */
class MediaSniffingTest {

    @Test
    void recognisesEachFormatByItsLeadingBytes() {
        assertEquals(Optional.of(MediaFormat.PNG), MediaFormat.sniff(TestMedia.png(4, 4)));
        assertEquals(Optional.of(MediaFormat.JPEG), MediaFormat.sniff(TestMedia.jpeg(4, 4)));
        assertEquals(Optional.of(MediaFormat.GIF), MediaFormat.sniff(TestMedia.gif(4, 4)));
        assertEquals(Optional.of(MediaFormat.WAV), MediaFormat.sniff(TestMedia.wav()));
        assertEquals(Optional.of(MediaFormat.WEBP), MediaFormat.sniff(ascii("RIFF\0\0\0\0WEBPVP8 ")));
        assertEquals(Optional.of(MediaFormat.MP4_AUDIO), MediaFormat.sniff(ascii("\0\0\0\u0020ftypM4A \0\0\0\0")));
        assertEquals(Optional.of(MediaFormat.MP4_AUDIO), MediaFormat.sniff(ascii("\0\0\0\u0018ftypisom\0\0\0\0")));
        assertEquals(Optional.of(MediaFormat.HEIF), MediaFormat.sniff(ascii("\0\0\0\u0018ftypheic\0\0\0\0")));
        assertEquals(Optional.of(MediaFormat.FLAC), MediaFormat.sniff(ascii("fLaC\0\0\0\"")));
        assertEquals(Optional.of(MediaFormat.OGG), MediaFormat.sniff(ascii("OggS\0\u0002")));
        assertEquals(Optional.of(MediaFormat.MP3), MediaFormat.sniff(ascii("ID3\u0004\0\0")));
        // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz frame header
        assertEquals(Optional.of(MediaFormat.MP3), MediaFormat.sniff(bytes(0xff, 0xfb, 0x90, 0x64)));
        // ADTS AAC (layer 00) and reserved bitrates are not MP3
        assertEquals(Optional.empty(), MediaFormat.sniff(bytes(0xff, 0xf1, 0x50, 0x80)));
        assertEquals(Optional.empty(), MediaFormat.sniff(bytes(0xff, 0xfb, 0xf0, 0x64)));
        assertEquals(Optional.empty(), MediaFormat.sniff(TestMedia.html()));
        assertEquals(Optional.empty(), MediaFormat.sniff(new byte[0]));
    }

    @Test
    void readsDeclaredSizesFromPngAndJpegHeaders() throws IOException {
        assertEquals(Optional.of(new ImageSize(64, 48)), ImageSize.read(TestMedia.png(64, 48), MediaFormat.PNG));
        assertEquals(Optional.of(new ImageSize(40, 30)), ImageSize.read(TestMedia.jpeg(40, 30), MediaFormat.JPEG));
        assertEquals(Optional.of(new ImageSize(50_000, 50_000)),
                ImageSize.read(TestMedia.pngDeclaring(50_000, 50_000), MediaFormat.PNG));
        assertEquals(Optional.of(new ImageSize(60_000, 65_535)),
                ImageSize.read(TestMedia.jpegDeclaring(60_000, 65_535), MediaFormat.JPEG));
        assertEquals(Optional.of(new ImageSize(33, 17)), ImageSize.read(progressiveJpeg(33, 17), MediaFormat.JPEG));

        // A large metadata segment before the frame header is skipped by its length.
        byte[] plain = TestMedia.jpeg(20, 10);
        byte[] app1 = new byte[60_000];
        ByteArrayOutputStream withExif = new ByteArrayOutputStream();
        withExif.write(plain, 0, 2);
        withExif.writeBytes(bytes(0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 0xff));
        withExif.writeBytes(app1);
        withExif.write(plain, 2, plain.length - 2);
        assertEquals(Optional.of(new ImageSize(20, 10)), ImageSize.read(withExif.toByteArray(), MediaFormat.JPEG));

        // Cut short before the frame header, or a height left to a later DNL marker: not judged, not accepted.
        assertEquals(Optional.empty(), ImageSize.read(java.util.Arrays.copyOf(plain, 20), MediaFormat.JPEG));
        assertEquals(Optional.empty(), ImageSize.read(TestMedia.jpegDeclaring(20, 0), MediaFormat.JPEG));
        assertEquals(Optional.empty(), ImageSize.read(java.util.Arrays.copyOf(TestMedia.png(4, 4), 20),
                MediaFormat.PNG));
    }

    private static byte[] progressiveJpeg(int width, int height) throws IOException {
        byte[] baseline = TestMedia.jpeg(width, height);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(ImageIO.read(new java.io.ByteArrayInputStream(baseline)), null, null),
                    param);
        } finally {
            writer.dispose();
        }
        byte[] progressive = out.toByteArray();
        assertEquals(true, containsMarker(progressive, 0xc2), "a progressive (SOF2) JPEG");
        return progressive;
    }

    private static boolean containsMarker(byte[] b, int marker) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == marker) {
                return true;
            }
        }
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
