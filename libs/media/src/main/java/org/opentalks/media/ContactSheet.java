package org.opentalks.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A grid of video frames with a caption under each, written as one PNG for a person to look over
 * ("talk 1 · f 37 · AA", "happy 0.8"): light text on a dark background, each frame scaled to fit a
 * {@code thumbSize} square, keeping its aspect ratio, centred in it. Frames are scaled when added,
 * so the caller may reuse its frame buffer, and a sheet holds only thumbnails.
 *
 * <p>Layout: cells of {@link #cellWidth()} × {@link #cellHeight()} fill rows of {@code columns}
 * from the top left; in each, the thumbnail square sits {@link #PADDING} pixels from the cell's
 * top and left, and the caption line below it.
 */
public final class ContactSheet {
    public static final int PADDING = 6;
    static final Color BACKGROUND = new Color(0x1e, 0x1e, 0x1e);
    static final Color TEXT = new Color(0xe8, 0xe8, 0xe8);
    private static final String ELLIPSIS = "…";

    private final int columns;
    private final int thumbSize;
    private final Font font;
    private final int captionHeight;
    private final List<BufferedImage> thumbnails = new ArrayList<>();
    private final List<String> captions = new ArrayList<>();

    /**
     * @param columns   frames per row
     * @param thumbSize side of the square each frame is scaled into, in pixels
     */
    public ContactSheet(int columns, int thumbSize) {
        if (columns < 1 || thumbSize < 8) {
            throw new IllegalArgumentException("need at least 1 column and 8-pixel thumbnails, got " + columns
                    + " and " + thumbSize);
        }
        this.columns = columns;
        this.thumbSize = thumbSize;
        // Readable at any thumbnail size: 12 px at least, larger for large thumbnails.
        this.font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(12, thumbSize / 16));
        this.captionHeight = metrics().getHeight() + PADDING;
    }

    /**
     * Adds a frame: packed BGR24, {@code width × height}, as the encoders and the animator pass
     * frames. The caption may be null or empty.
     *
     * @return this sheet
     */
    public ContactSheet add(byte[] bgr, int width, int height, String caption) {
        Objects.requireNonNull(bgr, "bgr");
        if (width < 1 || height < 1 || bgr.length < 3 * width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " BGR frame needs " + 3 * width * height
                    + " bytes, got " + bgr.length);
        }
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        // TYPE_3BYTE_BGR holds its pixels as B, G, R bytes: the frame's own layout.
        byte[] pixels = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        System.arraycopy(bgr, 0, pixels, 0, pixels.length);
        return add(frame, caption);
    }

    /** Adds a picture in any layout, scaled like a frame. */
    public ContactSheet add(BufferedImage image, String caption) {
        Objects.requireNonNull(image, "image");
        double scale = Math.min((double) thumbSize / image.getWidth(), (double) thumbSize / image.getHeight());
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        thumbnails.add(scaled(image, w, h));
        captions.add(caption == null ? "" : caption);
        return this;
    }

    public int size() {
        return thumbnails.size();
    }

    public int cellWidth() {
        return thumbSize + 2 * PADDING;
    }

    public int cellHeight() {
        return PADDING + thumbSize + captionHeight;
    }

    /** Where the {@code index}th frame's thumbnail square lies on the sheet. */
    public Rectangle thumbnailBounds(int index) {
        return new Rectangle(index % columns * cellWidth() + PADDING, index / columns * cellHeight() + PADDING,
                thumbSize, thumbSize);
    }

    /** Where the {@code index}th frame's caption line lies on the sheet. */
    public Rectangle captionBounds(int index) {
        Rectangle thumb = thumbnailBounds(index);
        return new Rectangle(thumb.x, thumb.y + thumbSize, thumbSize, captionHeight);
    }

    /** The sheet as an image: {@code columns} cells wide (fewer if fewer frames), as many rows as needed. */
    public BufferedImage render() {
        if (thumbnails.isEmpty()) {
            throw new IllegalStateException("the contact sheet has no frames");
        }
        int cols = Math.min(columns, thumbnails.size());
        int rows = (thumbnails.size() + columns - 1) / columns;
        BufferedImage sheet = new BufferedImage(cols * cellWidth(), rows * cellHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < thumbnails.size(); i++) {
                BufferedImage thumb = thumbnails.get(i);
                Rectangle box = thumbnailBounds(i);
                g.drawImage(thumb, box.x + (thumbSize - thumb.getWidth()) / 2,
                        box.y + (thumbSize - thumb.getHeight()) / 2, null);
                Rectangle line = captionBounds(i);
                g.setColor(TEXT);
                g.drawString(fitted(captions.get(i), metrics), line.x,
                        line.y + (PADDING + 1) / 2 + metrics.getAscent());
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Writes {@link #render()} as a PNG, creating the folder if needed. */
    public void writePng(Path file) throws IOException {
        BufferedImage sheet = render();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(sheet, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    /** The caption, cut with an ellipsis where it would run past the thumbnail's width. */
    private String fitted(String caption, FontMetrics metrics) {
        if (metrics.stringWidth(caption) <= thumbSize) {
            return caption;
        }
        int end = caption.length();
        while (end > 0 && metrics.stringWidth(caption.substring(0, end) + ELLIPSIS) > thumbSize) {
            end--;
        }
        return caption.substring(0, end) + ELLIPSIS;
    }

    private FontMetrics metrics() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font);
        } finally {
            g.dispose();
        }
    }

    /**
     * Bilinear scaling alone aliases when shrinking by more than 2×: it reads only the four pixels
     * nearest each output pixel. Halving repeatedly first, each step averaging 2×2 pixels, and one
     * bicubic step to the final size filters fine detail properly (progressive scaling, as in Chris
     * Campbell, "The Perils of Image.getScaledInstance()", java.net, 2007).
     */
    static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        while (w >= 2 * width && h >= 2 * height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return draw(current, width, height, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage image, int width, int height, Object interpolation) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
