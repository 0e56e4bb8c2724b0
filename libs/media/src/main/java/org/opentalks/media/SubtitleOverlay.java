package org.opentalks.media;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opentalks.speech.SubtitleCue;

/**
 * Burns subtitle cues into packed BGR frames of one size (what {@link VideoFrames} gives and the encoders take):
 * white text with a dark outline on a translucent dark box, centred at the bottom above a margin of
 * {@value #BOTTOM_MARGIN} of the height, in a font {@value #FONT_HEIGHT} of the frame's height, made smaller when a
 * line would not fit {@value #MAX_WIDTH} of the width (42 characters do not, on a 512 px frame) but not below
 * {@value #MIN_FONT_PIXELS} px: past that the line is wrapped again. The outline keeps the text readable where the
 * box is light, the box where the picture is busy.
 *
 * <p>Each cue is drawn once with Java2D into an ARGB picture and blended into the frames it covers; a frame outside
 * every cue is not touched. The font is DejaVu Sans Bold ({@value #DEJAVU_SANS_BOLD}, Debian's fonts-dejavu-core)
 * for text it covers, else Java's logical sans-serif font, which falls back through the system's fonts.
 * Not thread-safe: one overlay per video.
 */
public final class SubtitleOverlay {
    public static final String DEJAVU_SANS_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    static final double FONT_HEIGHT = 0.045;
    static final int MIN_FONT_PIXELS = 10;
    static final double MAX_WIDTH = 0.92;
    static final double BOTTOM_MARGIN = 0.06;
    /** The box's opacity: dark enough for white text over a white shirt, light enough to see through. */
    static final double BOX_ALPHA = 0.62;

    private static Font dejaVu;
    private static boolean dejaVuLooked;

    private final List<SubtitleCue> cues;
    private final int width;
    private final int height;
    private int renderedIndex = -1;
    private Rendered rendered;

    /**
     * A cue as drawn: its picture, where its top left corner sits in the frame, and the picture unpacked for
     * blending (BGR, and alpha in 1/256 so that an opaque pixel replaces the frame's exactly).
     */
    record Rendered(BufferedImage image, int x, int y, byte[] bgr, int[] alpha) {
        static Rendered of(BufferedImage image, int x, int y) {
            int w = image.getWidth();
            int h = image.getHeight();
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            byte[] bgr = new byte[argb.length * 3];
            int[] alpha = new int[argb.length];
            for (int i = 0; i < argb.length; i++) {
                int a = argb[i] >>> 24;
                alpha[i] = a + (a >> 7);
                bgr[3 * i] = (byte) argb[i];
                bgr[3 * i + 1] = (byte) (argb[i] >> 8);
                bgr[3 * i + 2] = (byte) (argb[i] >> 16);
            }
            return new Rendered(image, x, y, bgr, alpha);
        }
    }

    /** @param cues in order of their start, as {@link org.opentalks.speech.Subtitles#cues} gives them */
    public SubtitleOverlay(List<SubtitleCue> cues, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a frame must have pixels, not " + width + "x" + height);
        }
        this.cues = List.copyOf(Objects.requireNonNull(cues, "cues"));
        for (int i = 1; i < this.cues.size(); i++) {
            if (this.cues.get(i).start() < this.cues.get(i - 1).start()) {
                throw new IllegalArgumentException("subtitle cues must be in order of their start: cue " + (i + 1)
                        + " starts before cue " + i);
            }
        }
        this.width = width;
        this.height = height;
    }

    /**
     * Draws the cue shown at {@code seconds} into {@code frame}, a {@code width*height*3} BGR array, in place.
     *
     * @return false, with the frame untouched, when no cue is shown then
     */
    public boolean apply(byte[] frame, double seconds) {
        if (frame.length != width * height * 3) {
            throw new IllegalArgumentException("expected a " + width + "x" + height + " BGR frame, got "
                    + frame.length + " bytes");
        }
        int index = cueAt(seconds);
        if (index < 0) {
            return false;
        }
        if (index != renderedIndex) {
            rendered = render(cues.get(index), width, height);
            renderedIndex = index;
        }
        blend(rendered, frame, width);
        return true;
    }

    /** Draws frame {@code index} of a video at {@code fps}: the cue shown when that frame is presented. */
    public boolean applyToFrame(byte[] frame, int index, double fps) {
        return apply(frame, index / fps);
    }

    /** The cue shown at {@code t}: of cues that overlap there, the one that started last; -1 if none. */
    private int cueAt(double t) {
        int lo = 0;
        int hi = cues.size() - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (cues.get(mid).start() <= t) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && cues.get(last).isShownAt(t) ? last : -1;
    }

    /** The cue drawn for a frame of this size: box, outline and text, anti-aliased. */
    static Rendered render(SubtitleCue cue, int width, int height) {
        try {
            return draw(cue, width, height);
        } catch (InternalError | NullPointerException noFonts) {
            // A JDK without any font (a bare container) fails deep inside font lookup.
            throw new IllegalStateException("no font to draw subtitles with: install fonts-dejavu-core ("
                    + DEJAVU_SANS_BOLD + ")", noFonts);
        }
    }

    private static Rendered draw(SubtitleCue cue, int width, int height) {
        List<String> lines = cue.lines();
        FontRenderContext context = new FontRenderContext(new AffineTransform(), true, true);
        float size = Math.max(MIN_FONT_PIXELS, Math.round(height * FONT_HEIGHT));
        Font font = font(cue.text(), size);
        List<TextLayout> layouts = layouts(lines, font, context);
        double widest = widest(layouts);
        double room = MAX_WIDTH * width - 0.7 * size;
        if (widest > room) {
            size = (float) Math.max(MIN_FONT_PIXELS, Math.floor(size * room / widest));
            font = font.deriveFont(size);
            layouts = layouts(lines, font, context);
            widest = widest(layouts);
            if (widest > room) {
                // Still too wide at the smallest legible size: more, shorter lines.
                lines = wrap(lines, font, context, room);
                layouts = layouts(lines, font, context);
                widest = Math.min(room, widest(layouts));
            }
        }
        double lineHeight = Math.ceil(size * 1.25);
        int padX = Math.round(0.35f * size);
        int padY = Math.round(0.2f * size);
        int boxW = Math.min(width, (int) Math.ceil(widest) + 2 * padX);
        int boxH = Math.min(height, (int) Math.ceil(lineHeight * lines.size()) + 2 * padY);
        BufferedImage image = new BufferedImage(boxW, boxH, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setComposite(AlphaComposite.Src);
            g.setColor(new Color(0, 0, 0, (int) Math.round(255 * BOX_ALPHA)));
            g.fillRect(0, 0, boxW, boxH);
            g.setComposite(AlphaComposite.SrcOver);
            BasicStroke outline = new BasicStroke(Math.max(1.5f, size / 9f), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND);
            for (int i = 0; i < layouts.size(); i++) {
                TextLayout layout = layouts.get(i);
                double x = (boxW - layout.getAdvance()) / 2;
                // Each line's baseline sits where a line of this font height puts it, descenders inside the box.
                double baseline = padY + i * lineHeight + (lineHeight + layout.getAscent() - layout.getDescent()) / 2;
                Shape glyphs = layout.getOutline(AffineTransform.getTranslateInstance(x, baseline));
                g.setColor(Color.BLACK);
                g.setStroke(outline);
                g.draw(glyphs);
                g.setColor(Color.WHITE);
                g.fill(glyphs);
            }
        } finally {
            g.dispose();
        }
        int x = (width - boxW) / 2;
        int y = Math.max(0, height - (int) Math.round(BOTTOM_MARGIN * height) - boxH);
        return Rendered.of(image, x, y);
    }

    /** Blends the cue's picture into the BGR frame by its alpha. */
    private static void blend(Rendered cue, byte[] frame, int width) {
        int w = cue.image().getWidth();
        int h = cue.image().getHeight();
        for (int y = 0; y < h; y++) {
            int o = ((cue.y() + y) * width + cue.x()) * 3;
            for (int x = 0, l = y * w; x < w; x++, o += 3, l++) {
                int a = cue.alpha()[l];
                if (a == 0) {
                    continue;
                }
                for (int c = 0; c < 3; c++) {
                    int under = frame[o + c] & 0xFF;
                    int over = cue.bgr()[3 * l + c] & 0xFF;
                    frame[o + c] = (byte) (under + (((over - under) * a + 128) >> 8));
                }
            }
        }
    }

    /** The lines re-wrapped at spaces to fit {@code room} pixels; a single word too wide stays whole. */
    private static List<String> wrap(List<String> lines, Font font, FontRenderContext context, double room) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ")) {
                String longer = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && new TextLayout(longer, font, context).getAdvance() > room) {
                    out.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(longer);
                }
            }
            out.add(current.toString());
        }
        return out;
    }

    private static List<TextLayout> layouts(List<String> lines, Font font, FontRenderContext context) {
        List<TextLayout> layouts = new ArrayList<>(lines.size());
        for (String line : lines) {
            layouts.add(new TextLayout(line, font, context));
        }
        return layouts;
    }

    private static double widest(List<TextLayout> layouts) {
        double widest = 0;
        for (TextLayout layout : layouts) {
            widest = Math.max(widest, layout.getAdvance());
        }
        return widest;
    }

    /** DejaVu Sans Bold at {@code size} if it has every character of {@code text}, else the logical sans-serif. */
    static Font font(String text, float size) {
        Font base = dejaVu();
        if (base != null && base.canDisplayUpTo(text.replace("\n", "")) < 0) {
            return base.deriveFont(size);
        }
        return new Font(Font.SANS_SERIF, Font.BOLD, Math.round(size));
    }

    private static synchronized Font dejaVu() {
        if (!dejaVuLooked) {
            dejaVuLooked = true;
            Path file = Path.of(DEJAVU_SANS_BOLD);
            if (Files.isRegularFile(file)) {
                try {
                    dejaVu = Font.createFont(Font.TRUETYPE_FONT, file.toFile());
                } catch (FontFormatException | IOException e) {
                    dejaVu = null;
                }
            }
        }
        return dejaVu;
    }
}
