package org.opentalks.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.Point;

class BlazeFaceDetectorTest {
    private static BlazeFaceDetector detector;

    @BeforeAll
    static void load() throws IOException {
        long start = System.nanoTime();
        detector = BlazeFaceDetector.load(Fixtures.blazeFaceDir());
        System.out.printf("BlazeFace: both models loaded in %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    @Test
    void findsTheAstronautsFace() {
        List<FaceDetection> faces = detector.detect(Fixtures.sample("astronaut.png"));

        assertEquals(1, faces.size(), () -> "faces: " + faces);
        FaceDetection face = faces.get(0);
        // The face spans about x 180..270, y 80..180 (dlib's HOG detector: 179,83 to 266,170).
        assertBoxAround(face.box(), 224, 128, 75, 115);
        assertFaceLayout(face);
    }

    @Test
    void findsGraceHoppersFaceInAPortraitImage() {
        List<FaceDetection> faces = detector.detect(Fixtures.sample("grace_hopper.jpg"));

        assertEquals(1, faces.size(), () -> "faces: " + faces);
        // 512x600, so letterboxed with 44 px side bars; dlib's HOG box is 161,137 to 376,352.
        assertBoxAround(faces.get(0).box(), 268, 245, 170, 250);
        assertFaceLayout(faces.get(0));
    }

    @Test
    void findsNoFaceOnTheCat() {
        List<FaceDetection> faces = detector.detect(Fixtures.sample("chelsea.png"));

        assertEquals(List.of(), faces);
    }

    @Test
    void findsASmallFaceWithTheBackModel() {
        // The astronaut shrunk to 30 % on a grey 512x512 canvas: a face of ~28 px that the front model misses.
        BufferedImage source = Fixtures.sample("astronaut.png");
        BufferedImage small = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 512, 512);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 300, 100, 154, 154, null);
        g.dispose();

        List<FaceDetection> faces = detector.detect(small);

        assertEquals(1, faces.size(), () -> "faces: " + faces);
        assertBoxAround(faces.get(0).box(), 300 + 224 * 0.3, 100 + 128 * 0.3, 20, 40);
        assertFaceLayout(faces.get(0));
    }

    @Test
    void namesTheMissingModelFile(@TempDir Path emptyDir) {
        IOException e = assertThrows(IOException.class, () -> BlazeFaceDetector.load(emptyDir));
        assertTrue(e.getMessage().contains(BlazeFaceDetector.FRONT_MODEL), e.getMessage());
    }

    private static void assertBoxAround(Box box, double centreX, double centreY, double minSide, double maxSide) {
        String message = "box " + box;
        assertEquals(centreX, box.centerX(), maxSide * 0.15, message);
        assertEquals(centreY, box.centerY(), maxSide * 0.15, message);
        assertTrue(box.width() >= minSide && box.width() <= maxSide, message);
        assertTrue(box.height() >= minSide && box.height() <= maxSide, message);
    }

    /** Image-left eye left of the other, nose between the eyes and below them, mouth below the nose, all in box. */
    private static void assertFaceLayout(FaceDetection face) {
        List<Point> k = face.keypoints();
        Point leftEye = k.get(FaceDetection.LEFT_EYE);
        Point rightEye = k.get(FaceDetection.RIGHT_EYE);
        Point nose = k.get(FaceDetection.NOSE);
        Point mouth = k.get(FaceDetection.MOUTH);
        String message = "keypoints " + k;
        assertTrue(leftEye.x() < rightEye.x(), message);
        assertTrue(nose.x() > leftEye.x() && nose.x() < rightEye.x(), message);
        double eyesY = (leftEye.y() + rightEye.y()) / 2;
        assertTrue(eyesY < nose.y() && nose.y() < mouth.y(), message);
        Box box = face.box();
        for (Point p : List.of(leftEye, rightEye, nose, mouth)) {
            assertTrue(p.x() > box.x() && p.x() < box.x() + box.width()
                    && p.y() > box.y() && p.y() < box.y() + box.height(), message);
        }
        assertTrue(k.get(FaceDetection.LEFT_TRAGION).x() < leftEye.x(), message);
        assertTrue(k.get(FaceDetection.RIGHT_TRAGION).x() > rightEye.x(), message);
        assertTrue(face.score() >= BlazeFaceDetector.DEFAULT_SCORE_THRESHOLD && face.score() <= 1, message);
    }

    /** The speed of detection (a benchmark: printed, not asserted; run by ./opentalks bench). */
    @Tag("bench")
    @Test
    void printsTheTimePerImage() throws IOException {
        timeDetection("astronaut.png (front model)", Fixtures.sample("astronaut.png"));
        timeDetection("chelsea.png (front, then back model)", Fixtures.sample("chelsea.png"));
    }

    private static void timeDetection(String what, BufferedImage image) {
        int runs = 100;
        for (int i = 0; i < runs; i++) {
            detector.detect(image);
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            detector.detect(image);
        }
        System.out.printf("BlazeFace %s: %.2f ms per image%n", what, (System.nanoTime() - start) / 1e6 / runs);
    }
}
