package org.opentalks.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;

class FaceAnalyzerTest {
    private static FaceAnalyzer analyzer;

    @BeforeAll
    static void load() throws IOException {
        long start = System.nanoTime();
        analyzer = FaceAnalyzer.load(Fixtures.blazeFaceDir(), Fixtures.shapePredictor());
        System.out.printf("FaceAnalyzer: models loaded in %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    /** D-ID's metadata.mouth_open, against what the photos show: the astronaut smiles with her teeth. */
    @Test
    void mouthOpenIsWhatThePhotoShows() throws IOException {
        FaceDocument astronaut = analyzer.analyze(Fixtures.sample("astronaut.png")).orElseThrow();
        FaceDocument hopper = analyzer.analyze(Fixtures.sample("grace_hopper.jpg")).orElseThrow();

        assertTrue(astronaut.mouthOpen(), "the astronaut's lips are apart over her teeth");
        assertTrue(!hopper.mouthOpen(), "Grace Hopper's lips are closed");
    }

    @Test
    void placesLandmarksAndCropOnTheAstronaut() throws IOException {
        BufferedImage image = Fixtures.sample("astronaut.png");

        FaceDocument face = analyzer.analyze(image).orElseThrow();

        draw(image, face, "astronaut.png");
        assertEquals(512, face.imageWidth());
        assertEquals(512, face.imageHeight());
        assertEquals(1, face.numFaces());
        assertFacePlausible(face);
        int runs = 100;
        for (int i = 0; i < runs; i++) {
            analyzer.analyze(image);
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            analyzer.analyze(image);
        }
        System.out.printf("FaceAnalyzer: %.2f ms per 512x512 image (decode excluded)%n",
                (System.nanoTime() - start) / 1e6 / runs);
    }

    @Test
    void placesLandmarksAndCropOnGraceHopper() throws IOException {
        BufferedImage image = Fixtures.sample("grace_hopper.jpg");

        FaceDocument face = analyzer.analyze(image).orElseThrow();

        draw(image, face, "grace_hopper.jpg");
        assertEquals(1, face.numFaces());
        assertFacePlausible(face);
    }

    /**
     * The predictor was trained on boxes from dlib's HOG face detector; landmarks from the BlazeFace-derived
     * rectangle should land where dlib's own pipeline puts them. HOG boxes from {@code dlib_landmarks detect}
     * (src/test/dlib): astronaut 179,83 to 266,170; Grace Hopper 161,137 to 376,352.
     */
    @Test
    void landmarksAgreeWithDlibsOwnDetectorBox() {
        assertCloseToHogLandmarks("astronaut.png", 179, 83, 266, 170);
        assertCloseToHogLandmarks("grace_hopper.jpg", 161, 137, 376, 352);
    }

    private static void assertCloseToHogLandmarks(String sample, long left, long top, long right, long bottom) {
        BufferedImage image = Fixtures.sample(sample);
        List<Point> expected = analyzer.predictor().predict(Grayscale.of(image), left, top, right, bottom);

        List<Point> actual = analyzer.analyze(image).orElseThrow().landmarks();

        double sum = 0;
        for (int i = 0; i < expected.size(); i++) {
            sum += Math.hypot(actual.get(i).x() - expected.get(i).x(), actual.get(i).y() - expected.get(i).y());
        }
        double mean = sum / expected.size();
        System.out.printf("FaceAnalyzer: %s landmarks %.1f px from dlib's HOG-box landmarks on average%n",
                sample, mean);
        assertTrue(mean < 0.04 * (right - left), sample + ": mean landmark distance " + mean + " px");
    }

    @Test
    void findsNothingOnTheCat() {
        assertEquals(Optional.empty(), analyzer.analyze(Fixtures.sample("chelsea.png")));
    }

    @Test
    void findsNothingOnABlankImage() {
        assertEquals(Optional.empty(), analyzer.analyze(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB)));
    }

    private static void assertFacePlausible(FaceDocument face) {
        List<Point> l = face.landmarks();
        Box box = face.box();
        String message = "face " + face;
        assertTrue(inside(l.get(30), box), "nose tip outside the face box: " + message);
        double eyesY = meanY(l.subList(36, 48));
        double mouthY = meanY(l.subList(48, 68));
        double browsY = meanY(l.subList(17, 27));
        assertTrue(browsY < eyesY && eyesY < l.get(30).y() && l.get(30).y() < mouthY && mouthY < l.get(8).y(),
                "brows, eyes, nose tip, mouth, chin not top to bottom: " + message);
        assertTrue(meanX(l.subList(36, 42)) < meanX(l.subList(42, 48)), message);
        // Jaw (0..16) runs from one side of the face to the other, through the chin below the mouth.
        assertTrue(l.get(0).x() < l.get(36).x() && l.get(16).x() > l.get(45).x(), message);
        assertTrue(l.get(16).x() - l.get(0).x() > 0.7 * box.width(), message);
        for (Point p : l) {
            assertTrue(inside(p, face.crop()), "landmark " + p + " outside the crop: " + message);
        }
        assertEquals(face.crop().width(), face.crop().height(), 1e-9);
        assertTrue(face.crop().width() > 1.5 * box.width(), message);
        assertTrue(face.score() >= BlazeFaceDetector.DEFAULT_SCORE_THRESHOLD, message);
    }

    private static boolean inside(Point p, Box b) {
        return p.x() >= b.x() && p.x() <= b.x() + b.width() && p.y() >= b.y() && p.y() <= b.y() + b.height();
    }

    private static double meanY(List<Point> points) {
        return points.stream().mapToDouble(Point::y).average().orElseThrow();
    }

    private static double meanX(List<Point> points) {
        return points.stream().mapToDouble(Point::x).average().orElseThrow();
    }

    /** target/faces/NAME.png: detector box (green), landmark rectangle (blue), landmarks (red), crop (yellow). */
    private static void draw(BufferedImage image, FaceDocument face, String name) throws IOException {
        BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(Color.GREEN);
        g.draw(rectangle(face.box()));
        g.setColor(Color.CYAN);
        g.draw(rectangle(FaceAnalyzer.landmarkRect(face.box())));
        g.setColor(Color.YELLOW);
        g.draw(rectangle(face.crop()));
        g.setColor(Color.RED);
        for (Point p : face.landmarks()) {
            g.fillRect((int) p.x() - 1, (int) p.y() - 1, 3, 3);
        }
        g.dispose();
        Path file = Fixtures.outputDir().resolve(name.replaceAll("\\.\\w+$", "") + "-face.png");
        ImageIO.write(canvas, "png", file.toFile());
        System.out.println("FaceAnalyzer: drew " + file.toAbsolutePath());
    }

    private static Rectangle2D rectangle(Box b) {
        return new Rectangle2D.Double(b.x(), b.y(), b.width(), b.height());
    }
}
