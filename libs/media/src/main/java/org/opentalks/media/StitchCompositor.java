package org.opentalks.media;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.opentalks.contract.document.Box;

/**
 * Puts the animated face crop back into the full photo ("stitch"). The output has the photo's
 * aspect, its long side capped at {@value #MAX_LONG_SIDE} and both sides even (yuv420p). The crop is
 * scaled onto its box and blended with a feathered mask: 1 inside, a smoothstep ramp to 0 over the
 * outer {@value #FEATHER} of the box on each side, 0 outside; so pixels outside the box are the
 * scaled photo's, bit for bit, and the seam is invisible.
 *
 * <p>The scaled photo, the mask and the scaling transform are computed once; {@link #compose} is a
 * warp of the crop onto its box (OpenCV) and a fixed-point blend over the box only. Not thread-safe:
 * it reuses its buffers.
 */
public final class StitchCompositor implements AutoCloseable {
    public static final int MAX_LONG_SIDE = 1280;
    /** Width of the mask's ramp, as a fraction of the box's width (height) on each side. */
    public static final double FEATHER = 0.08;

    private final int width;
    private final int height;
    private final int frameWidth;
    private final int frameHeight;
    private final Box box;
    private final byte[] photo;
    /** The box's pixels, clipped to the output: [x0, x1) x [y0, y1). */
    private final int x0;
    private final int x1;
    private final int y0;
    private final int y1;
    /** Mask weights in 1/256, separable: weight(x, y) = alphaX[x - x0] * alphaY[y - y0] / 256. */
    private final int[] alphaX;
    private final int[] alphaY;
    private final Mat frame;
    private final Mat shrunk;
    private final Mat warped;
    private final Mat transform;
    private final Size boxSize;
    private final Size shrunkSize;
    private final Scalar border = new Scalar();
    private final byte[] warpedBytes;

    /** For the 512x512 crops the renderer produces. */
    public StitchCompositor(BufferedImage photo, Box crop) {
        this(photo, crop, 512, 512);
    }

    /**
     * @param crop where the animated frames were cut from, in photo pixels; may extend beyond the photo
     */
    public StitchCompositor(BufferedImage photo, Box crop, int frameWidth, int frameHeight) {
        if (!(crop.width() > 0 && crop.height() > 0)) {
            throw new IllegalArgumentException("the crop box must have a positive size: " + crop);
        }
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        double scale = Math.min(1.0, (double) MAX_LONG_SIDE / Math.max(photo.getWidth(), photo.getHeight()));
        width = evenSide(photo.getWidth() * scale);
        height = evenSide(photo.getHeight() * scale);
        this.photo = scaledBgr(photo, width, height);

        double sx = (double) width / photo.getWidth();
        double sy = (double) height / photo.getHeight();
        box = new Box(crop.x() * sx, crop.y() * sy, crop.width() * sx, crop.height() * sy);
        x0 = clamp((int) Math.floor(box.x()), 0, width);
        x1 = clamp((int) Math.ceil(box.x() + box.width()), 0, width);
        y0 = clamp((int) Math.floor(box.y()), 0, height);
        y1 = clamp((int) Math.ceil(box.y() + box.height()), 0, height);
        alphaX = ramp(x0, x1, box.x(), box.width());
        alphaY = ramp(y0, y1, box.y(), box.height());

        frame = new Mat(frameHeight, frameWidth, CV_8UC3);
        // Bilinear sampling aliases when shrinking by more than 2: shrink by area first.
        double shrink = Math.min(box.width() / frameWidth, box.height() / frameHeight);
        if (shrink < 0.5) {
            shrunkSize = new Size(Math.max(1, (int) Math.round(box.width())),
                    Math.max(1, (int) Math.round(box.height())));
            shrunk = new Mat();
        } else {
            shrunkSize = null;
            shrunk = null;
        }
        int sourceWidth = shrunk == null ? frameWidth : shrunkSize.width();
        int sourceHeight = shrunk == null ? frameHeight : shrunkSize.height();
        // Source pixel centre i + 0.5 lands on box.x + (i + 0.5) * kx in output coordinates; the
        // destination here is the clipped box, whose pixel j has its centre at x0 + j + 0.5.
        double kx = box.width() / sourceWidth;
        double ky = box.height() / sourceHeight;
        transform = new Mat(2, 3, CV_64F);
        new DoublePointer(transform.data()).put(
                kx, 0, box.x() + 0.5 * kx - 0.5 - x0,
                0, ky, box.y() + 0.5 * ky - 0.5 - y0);
        boxSize = new Size(Math.max(1, x1 - x0), Math.max(1, y1 - y0));
        warped = new Mat(boxSize.height(), boxSize.width(), CV_8UC3);
        warpedBytes = new byte[boxSize.width() * boxSize.height() * 3];
    }

    /** Output width: even, at most {@value #MAX_LONG_SIDE}. */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The crop box in output pixels. */
    public Box boxInOutput() {
        return box;
    }

    /** The scaled photo the frames are blended over (a copy). */
    public byte[] photoBgr() {
        return photo.clone();
    }

    /** The photo with this animated crop blended in, as a fresh {@code width*height*3} BGR array. */
    public byte[] compose(byte[] frameBgr) {
        byte[] out = new byte[photo.length];
        compose(frameBgr, out);
        return out;
    }

    /** As {@link #compose(byte[])}, into {@code out}. */
    public void compose(byte[] frameBgr, byte[] out) {
        if (frameBgr.length != frameWidth * frameHeight * 3) {
            throw new IllegalArgumentException("expected a " + frameWidth + "x" + frameHeight + " BGR frame, got "
                    + frameBgr.length + " bytes");
        }
        if (out.length != photo.length) {
            throw new IllegalArgumentException("the output must hold " + width + "x" + height + " BGR pixels");
        }
        System.arraycopy(photo, 0, out, 0, photo.length);
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        frame.data().position(0).put(frameBgr);
        Mat source = frame;
        if (shrunk != null) {
            resize(frame, shrunk, shrunkSize, 0, 0, INTER_AREA);
            source = shrunk;
        }
        warpAffine(source, warped, transform, boxSize, INTER_LINEAR, BORDER_REPLICATE, border);
        warped.data().position(0).get(warpedBytes);
        blend(out);
    }

    private void blend(byte[] out) {
        int boxWidth = x1 - x0;
        for (int y = y0; y < y1; y++) {
            int ay = alphaY[y - y0];
            if (ay == 0) {
                continue;
            }
            int o = (y * width + x0) * 3;
            int w = (y - y0) * boxWidth * 3;
            for (int x = 0; x < boxWidth; x++, o += 3, w += 3) {
                int a = (alphaX[x] * ay + 128) >> 8;
                if (a == 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    int p = out[o + c] & 0xFF;
                    int f = warpedBytes[w + c] & 0xFF;
                    out[o + c] = (byte) (p + (((f - p) * a + 128) >> 8));
                }
            }
        }
    }

    /**
     * Mask weights in 1/256 for pixels [from, to) along one axis of a box at [start, start + size):
     * smoothstep of the distance to the nearer edge over the feather width, 0 outside the box.
     */
    private static int[] ramp(int from, int to, double start, double size) {
        int[] weights = new int[Math.max(0, to - from)];
        double feather = FEATHER * size;
        for (int i = from; i < to; i++) {
            double u = i + 0.5 - start;
            double t = Math.min(u, size - u) / feather;
            double s = t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t);
            weights[i - from] = (int) Math.round(s * 256);
        }
        return weights;
    }

    private static byte[] scaledBgr(BufferedImage photo, int width, int height) {
        BufferedImage bgr = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.drawImage(photo, 0, 0, null);
        } finally {
            g.dispose();
        }
        byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        if (width == photo.getWidth() && height == photo.getHeight()) {
            return pixels;
        }
        try (Mat source = new Mat(photo.getHeight(), photo.getWidth(), CV_8UC3);
             Mat scaled = new Mat();
             Size size = new Size(width, height)) {
            source.data().put(pixels);
            resize(source, scaled, size, 0, 0, INTER_AREA);
            byte[] out = new byte[width * height * 3];
            scaled.data().get(out);
            return out;
        }
    }

    private static int evenSide(double side) {
        return Math.max(2, (int) Math.round(side) & ~1);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public void close() {
        frame.close();
        warped.close();
        transform.close();
        boxSize.close();
        border.close();
        if (shrunk != null) {
            shrunk.close();
            shrunkSize.close();
        }
    }
}
