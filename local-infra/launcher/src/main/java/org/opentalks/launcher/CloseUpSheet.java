package org.opentalks.launcher;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;
import org.opentalks.reenact.OpenCvResampler;
import org.opentalks.reenact.Performance;
import org.opentalks.reenact.TalkAnimator;
import org.opentalks.vision.FaceAnalyzer;

/**
 * The review sheet beside the contact sheet: what a viewer sees up close. For each talk, the 16
 * frames with the widest-open mouth (as the face analyser reads the rendered frame) cropped around
 * the mouth, and two closed eyes (the middle frame of the first two blinks) cropped around both eyes,
 * all at twice their size in the 512×512 video, captioned with the frame number.
 */
final class CloseUpSheet {
    static final int MOUTHS = 16;
    static final int EYES = 2;
    private static final int ZOOM = 2;
    private static final int PER_ROW = 4;
    private static final int GAP = 8;
    private static final int CAPTION = 20;
    /** Crop sizes in inter-ocular distances (width, height). */
    private static final double MOUTH_WIDTH = 1.0;
    private static final double MOUTH_HEIGHT = 0.6;
    private static final double EYES_WIDTH = 2.2;
    private static final double EYES_HEIGHT = 0.6;

    /** A talk to look at: its name, the crop it animates and everything it needs. */
    record Subject(String name, byte[] crop, List<Point> landmarks, Performance performance,
                   int frames) {
    }

    private record Shot(int frame, double opening, BufferedImage image) {
    }

    private CloseUpSheet() {
    }

    /** Renders each subject once, picks its close-ups and writes them as one PNG. */
    static void write(List<Subject> subjects, FaceAnalyzer analyzer, Path file) throws IOException {
        List<BufferedImage> sections = new ArrayList<>();
        try (OpenCvResampler resampler = new OpenCvResampler()) {
            TalkAnimator animator = new TalkAnimator(resampler);
            for (Subject subject : subjects) {
                sections.add(section(subject, animator, analyzer));
            }
        }
        int width = sections.stream().mapToInt(BufferedImage::getWidth).max().orElse(1);
        int height = sections.stream().mapToInt(BufferedImage::getHeight).sum() + GAP * (sections.size() + 1);
        BufferedImage sheet = new BufferedImage(width + 2 * GAP, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        int y = GAP;
        for (BufferedImage section : sections) {
            g.drawImage(section, GAP, y, null);
            y += section.getHeight() + GAP;
        }
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(sheet, "png", file.toFile());
    }

    private static BufferedImage section(Subject subject, TalkAnimator animator, FaceAnalyzer analyzer)
            throws IOException {
        int size = RenderBenchmark.SIZE;
        DriverTrack driver = subject.performance().driver();
        List<Integer> closed = new ArrayList<>();
        for (double start : driver.blinkStarts()) {
            int middle = (int) Math.round((start + DriverTrack.BLINK_SECONDS / 2) * RenderBenchmark.FPS);
            if (middle < subject.frames() && closed.size() < EYES) {
                closed.add(middle);
            }
        }
        double iod = iod(subject.landmarks());
        int mouthW = (int) Math.round(MOUTH_WIDTH * iod);
        int mouthH = (int) Math.round(MOUTH_HEIGHT * iod);
        int eyesW = (int) Math.round(EYES_WIDTH * iod);
        int eyesH = (int) Math.round(EYES_HEIGHT * iod);
        List<Shot> mouths = new ArrayList<>();
        List<Shot> eyes = new ArrayList<>();
        animator.animate(subject.crop(), size, subject.landmarks(), subject.performance(), RenderBenchmark.FPS,
                subject.frames(), (i, bgr) -> {
                    BufferedImage frame = image(bgr, size);
                    Optional<FaceDocument> face = analyzer.analyze(frame);
                    if (face.isEmpty()) {
                        return;
                    }
                    List<Point> p = face.get().landmarks();
                    double opening = (dist(p, 61, 67) + dist(p, 62, 66) + dist(p, 63, 65)) / (3 * iod(p));
                    Point mouth = mid(p, 62, 66);
                    mouths.add(new Shot(i, opening, crop(frame, mouth, mouthW, mouthH)));
                    if (mouths.size() > MOUTHS) {
                        mouths.sort(Comparator.comparingDouble(Shot::opening).reversed());
                        mouths.remove(MOUTHS);
                    }
                    if (closed.contains(i)) {
                        eyes.add(new Shot(i, 0, crop(frame, mid(p, 39, 42), eyesW, eyesH)));
                    }
                });
        mouths.sort(Comparator.comparingInt(Shot::frame));
        int cellW = ZOOM * Math.max(mouthW, eyesW / 2);
        int rows = (mouths.size() + PER_ROW - 1) / PER_ROW;
        int width = PER_ROW * (cellW + GAP);
        int height = CAPTION + rows * (ZOOM * mouthH + CAPTION + GAP) + ZOOM * eyesH + CAPTION + GAP;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(subject.name() + ": the " + mouths.size() + " widest-open mouths and " + eyes.size()
                + " closed eyes, at " + ZOOM + "×", 0, 15);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = CAPTION;
        for (int k = 0; k < mouths.size(); k++) {
            Shot shot = mouths.get(k);
            int x = k % PER_ROW * (cellW + GAP);
            int top = y + k / PER_ROW * (ZOOM * mouthH + CAPTION + GAP);
            g.drawImage(shot.image(), x, top, ZOOM * mouthW, ZOOM * mouthH, null);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "frame %d, opening %.2f iod", shot.frame(),
                    shot.opening()), x, top + ZOOM * mouthH + 14);
        }
        int eyesTop = y + rows * (ZOOM * mouthH + CAPTION + GAP);
        for (int k = 0; k < eyes.size(); k++) {
            Shot shot = eyes.get(k);
            int x = k * (ZOOM * eyesW + GAP);
            g.drawImage(shot.image(), x, eyesTop, ZOOM * eyesW, ZOOM * eyesH, null);
            g.setColor(Color.BLACK);
            g.drawString("frame " + shot.frame() + ", mid-blink", x, eyesTop + ZOOM * eyesH + 14);
        }
        g.dispose();
        return out;
    }

    private static BufferedImage image(byte[] bgr, int size) {
        BufferedImage frame = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
        System.arraycopy(bgr, 0, pixels, 0, pixels.length);
        return frame;
    }

    /** A copy of the {@code w × h} pixels centred on {@code centre}, kept inside the frame. */
    private static BufferedImage crop(BufferedImage frame, Point centre, int w, int h) {
        int x = Math.max(0, Math.min(frame.getWidth() - w, (int) Math.round(centre.x() - w / 2.0)));
        int y = Math.max(0, Math.min(frame.getHeight() - h, (int) Math.round(centre.y() - h / 2.0)));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.drawImage(frame.getSubimage(x, y, w, h), 0, 0, null);
        g.dispose();
        return out;
    }

    /** The distance between the eye centres (the means of 36–41 and 42–47). */
    private static double iod(List<Point> p) {
        Point left = Point.centroid(p, 36, 42);
        Point right = Point.centroid(p, 42, 48);
        return Math.hypot(right.x() - left.x(), right.y() - left.y());
    }

    private static Point mid(List<Point> p, int a, int b) {
        return new Point((p.get(a).x() + p.get(b).x()) / 2, (p.get(a).y() + p.get(b).y()) / 2);
    }

    private static double dist(List<Point> p, int a, int b) {
        return Math.hypot(p.get(a).x() - p.get(b).x(), p.get(a).y() - p.get(b).y());
    }
}
