package org.opentalks.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.json.Json;

class ShapePredictorTest {
    private static ShapePredictor predictor;

    @BeforeAll
    static void load() throws IOException {
        long start = System.nanoTime();
        predictor = ShapePredictor.load(Fixtures.shapePredictor());
        System.out.printf("ShapePredictor: 68-landmark model parsed in %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    @Test
    void readsTheWholeDlibFile() throws IOException {
        assertEquals(Fixtures.SHAPE_PREDICTOR_BYTES, Files.size(Fixtures.SHAPE_PREDICTOR));
        try (DlibInput in = new DlibInput(Files.newInputStream(Fixtures.SHAPE_PREDICTOR))) {
            ShapePredictor read = ShapePredictor.read(in);
            assertEquals(Fixtures.SHAPE_PREDICTOR_BYTES, in.consumed());
            assertTrue(in.atEnd());
            assertEquals(68, read.numParts());
        }
        assertEquals(68, predictor.numParts());
        assertEquals(15, predictor.numCascades());
        assertEquals(500, predictor.treesPerCascade());
    }

    /**
     * The golden points are dlib's own output: src/test/dlib/dlib_landmarks.cpp, built against Debian's libdlib-dev
     * 19.24 and run on the same PNG and rectangle (see the command in that file); the port must agree exactly.
     * Cases: dlib's HOG box on the astronaut, a looser box on her, and a box on the cat that leaves the image.
     */
    @Test
    void matchesDlibsOwnLandmarks() throws IOException {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/dlib-landmarks-golden.json")) {
            golden = Json.mapper().readTree(in);
        }
        for (JsonNode c : golden.get("cases")) {
            JsonNode rect = c.get("rect");
            Grayscale image = Grayscale.of(Fixtures.sample(c.get("image").asText()));
            List<Point> points = predictor.predict(image, rect.get(0).asLong(), rect.get(1).asLong(),
                    rect.get(2).asLong(), rect.get(3).asLong());
            List<Point> expected = new ArrayList<>();
            for (JsonNode p : c.get("points")) {
                expected.add(new Point(p.get(0).asDouble(), p.get(1).asDouble()));
            }
            assertEquals(expected, points, c.get("image").asText() + " " + rect);
        }
    }

    /** The speed of one prediction (a benchmark: printed, not asserted; run by ./opentalks bench). */
    @Tag("bench")
    @Test
    void printsTheTimePerFace() throws IOException {
        Grayscale astronaut = Grayscale.of(Fixtures.sample("astronaut.png"));
        int runs = 500;
        for (int i = 0; i < runs; i++) {
            predictor.predict(astronaut, 179, 83, 266, 170);
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            predictor.predict(astronaut, 179, 83, 266, 170);
        }
        System.out.printf("ShapePredictor: %.3f ms per face%n", (System.nanoTime() - start) / 1e6 / runs);
    }

    /**
     * A hand-made two-landmark model with one tree of one split: the split compares feature pixel 0 (on landmark
     * 0) with pixel 1 (a quarter of the box above landmark 1), and each leaf moves one landmark by a tenth of the
     * box. On a 101x101 image and rectangle (0, 0, 100, 100) the landmarks start at (25, 50) and (75, 50).
     */
    @Test
    void walksTheTreeAndMapsToTheRectangle(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tiny.dat");
        Files.write(file, tinyModel());
        ShapePredictor tiny = ShapePredictor.load(file);
        BufferedImage image = new BufferedImage(101, 101, BufferedImage.TYPE_BYTE_GRAY);

        assertEquals(List.of(new Point(25, 50), new Point(75, 40)), tiny.predict(Grayscale.of(image), 0, 0, 100, 100));

        image.getRaster().setSample(25, 50, 0, 200);
        assertEquals(List.of(new Point(35, 50), new Point(75, 50)), tiny.predict(Grayscale.of(image), 0, 0, 100, 100));
    }

    @Test
    void rejectsTrailingBytes(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(tinyModel());
        bytes.write(0);
        Path file = dir.resolve("trailing.dat");
        Files.write(file, bytes.toByteArray());

        IOException e = assertThrows(IOException.class, () -> ShapePredictor.load(file));
        assertTrue(e.getMessage().contains("ends at byte"), e.getMessage());
    }

    @Test
    void rejectsATruncatedFile(@TempDir Path dir) throws IOException {
        byte[] model = tinyModel();
        Path file = dir.resolve("truncated.dat");
        Files.write(file, Arrays.copyOf(model, model.length - 3));

        assertThrows(IOException.class, () -> ShapePredictor.load(file));
    }

    private static byte[] tinyModel() {
        DlibWriter out = new DlibWriter();
        out.integer(1); // version
        out.columnVector(0.25f, 0.5f, 0.75f, 0.5f); // initial shape
        out.integer(1); // cascades
        out.integer(1); // trees in cascade 0
        out.integer(1); // splits
        out.integer(0);
        out.integer(1);
        out.real(100f); // feature 0 - feature 1 > 100: left child = leaf 0
        out.integer(2); // leaves
        out.columnVector(0.1f, 0f, 0f, 0f);
        out.columnVector(0f, 0f, 0f, -0.1f);
        out.integer(1); // anchor_idx: one cascade of two feature pixels
        out.integer(2);
        out.integer(0);
        out.integer(1);
        out.integer(1); // deltas
        out.integer(2);
        out.real(0f);
        out.real(0f);
        out.real(0f);
        out.real(-0.25f);
        return out.bytes();
    }

    /** dlib's serialisation, written independently of the reader: see dlib/serialize.h and float_details.h. */
    private static final class DlibWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void integer(long value) {
            long magnitude = Math.abs(value);
            byte[] le = new byte[8];
            int size = 0;
            while (magnitude != 0) {
                le[size++] = (byte) magnitude;
                magnitude >>>= 8;
            }
            if (size == 0) {
                size = 1; // dlib writes 0 as 01 00
            }
            out.write((value < 0 ? 0x80 : 0) | size);
            out.write(le, 0, size);
        }

        void real(float value) {
            if (value == 0) {
                integer(0);
                integer(0);
                return;
            }
            int exponent = Math.getExponent(value) - 23;
            integer((long) Math.scalb(value, -exponent));
            integer(exponent);
        }

        void columnVector(float... values) {
            integer(-values.length);
            integer(-1);
            for (float v : values) {
                real(v);
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
