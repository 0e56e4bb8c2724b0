package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.HeadPose;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.reenact.onnx.OnnxResampler;

class TalkAnimatorTest {
    private static final int SIZE = TestFaces.SIZE;
    private static final double FPS = 25;
    private static final double SEGMENT = 0.4;
    /** Held visemes, each for 0.4 s; the frame in the middle of each shows the shape at rest. */
    private static final Viseme[] SEQUENCE = {
        Viseme.REST, Viseme.AA, Viseme.EE, Viseme.UW, Viseme.AA, Viseme.PBM, Viseme.EH, Viseme.OH, Viseme.TH,
        Viseme.REST, Viseme.REST, Viseme.REST,
    };
    /** A blink timed so that a frame (t = 4.4 s) falls on full closure; REST is held there. */
    private static final double BLINK_START = 4.4 - Blink.DURATION * Blink.CLOSING_FRACTION;

    private static OpenCvResampler resampler;

    @BeforeAll
    static void open() {
        resampler = new OpenCvResampler();
    }

    @AfterAll
    static void close() {
        resampler.close();
    }

    static VisemeTrack track() {
        List<VisemeSegment> segments = new ArrayList<>();
        for (int k = 0; k < SEQUENCE.length; k++) {
            segments.add(new VisemeSegment(SEQUENCE[k], k * SEGMENT, (k + 1) * SEGMENT, SEQUENCE[k].name()));
        }
        return new VisemeTrack(SEQUENCE.length * SEGMENT, 22050, "test", segments);
    }

    static int frameOf(int segment) {
        return (int) Math.round((segment + 0.5) * SEGMENT * FPS);
    }

    /** Animates with a still head and one blink; returns copies of the frames. */
    static List<byte[]> animate(TestFaces.Face face, DriverTrack driver) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        int n = (int) Math.round(SEQUENCE.length * SEGMENT * FPS);
        new TalkAnimator(resampler).animate(face.bgr(), SIZE, face.landmarks(), TestFaces.plain(track(), driver), FPS,
                n, (i, bgr) -> {
                    assertEquals(frames.size(), i);
                    frames.add(bgr.clone());
                });
        return frames;
    }

    static DriverTrack stillWithBlink() {
        return new DriverTrack("test://still", FPS, List.of(), List.of(BLINK_START));
    }

    /** A region of a frame, in pixels: [x0, x1) × [y0, y1). */
    record Region(int x0, int y0, int x1, int y1) {
        static Region around(List<Point> landmarks, int from, int to, double marginX, double marginTop,
                             double marginBottom) {
            double x0 = Double.MAX_VALUE;
            double y0 = Double.MAX_VALUE;
            double x1 = -Double.MAX_VALUE;
            double y1 = -Double.MAX_VALUE;
            for (int i = from; i <= to; i++) {
                x0 = Math.min(x0, landmarks.get(i).x());
                y0 = Math.min(y0, landmarks.get(i).y());
                x1 = Math.max(x1, landmarks.get(i).x());
                y1 = Math.max(y1, landmarks.get(i).y());
            }
            return new Region((int) (x0 - marginX), (int) (y0 - marginTop), (int) Math.ceil(x1 + marginX),
                    (int) Math.ceil(y1 + marginBottom));
        }

        double diff(byte[] a, byte[] b) {
            return TestFaces.meanAbsDiff(a, b, SIZE, x0, y0, x1, y1);
        }

        double mean(byte[] a) {
            return TestFaces.mean(a, SIZE, x0, y0, x1, y1);
        }

        /** Share of tooth-like pixels: bright and hardly red (lips and skin are redder). */
        double whiteShare(byte[] a) {
            int count = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    int o = 3 * (y * SIZE + x);
                    int b = a[o] & 0xff;
                    int r = a[o + 2] & 0xff;
                    if (b > 140 && r - b < 50) {
                        count++;
                    }
                }
            }
            return (double) count / ((x1 - x0) * (y1 - y0));
        }
    }

    static Region mouth(TestFaces.Face face) {
        return Region.around(face.landmarks(), 48, 67, 15, 10, 40);
    }

    static Region leftEye(TestFaces.Face face) {
        return Region.around(face.landmarks(), 36, 41, 4, 6, 4);
    }

    static final List<Region> CORNERS = List.of(new Region(0, 0, 48, 48), new Region(SIZE - 48, 0, SIZE, 48),
            new Region(0, SIZE - 48, 48, SIZE), new Region(SIZE - 48, SIZE - 48, SIZE, SIZE));

    static double worstCorner(byte[] a, byte[] b) {
        return CORNERS.stream().mapToDouble(r -> r.diff(a, b)).max().orElseThrow();
    }

    static final int REST_FRAME = frameOf(0);
    static final int AA_FRAME = frameOf(1);
    static final int BLINK_FRAME = (int) Math.round(4.4 * FPS);
    /** Just before the blink, with REST held since 3.6 s. */
    static final int OPEN_EYES_FRAME = (int) Math.round(4.2 * FPS);

    @Test
    void openVowelOpensAClosedMouthAndRestLeavesItAsInThePhoto() throws IOException {
        TestFaces.Face face = TestFaces.graceHopper();
        List<byte[]> frames = animate(face, stillWithBlink());
        Region mouth = mouth(face);
        double rest = mouth.diff(frames.get(REST_FRAME), face.bgr());
        double open = mouth.diff(frames.get(AA_FRAME), face.bgr());
        System.out.printf("grace: mouth vs photo, REST %.2f, AA %.2f; corners %.3f%n", rest, open,
                worstCorner(frames.get(AA_FRAME), face.bgr()));
        assertTrue(rest < 0.5, "REST should leave the closed mouth as it is, differs by " + rest);
        assertTrue(open > 12, "AA should open the mouth, differs only by " + open);
        // The opened mouth is dark inside: just below the photo's lip line lies the cavity.
        Point lips = face.landmarks().get(62);
        Region inside = new Region((int) lips.x() - 12, (int) lips.y() + 3, (int) lips.x() + 12, (int) lips.y() + 15);
        System.out.printf("grace: inside the mouth, brightness %.1f → %.1f%n", inside.mean(face.bgr()),
                inside.mean(frames.get(AA_FRAME)));
        assertTrue(inside.mean(frames.get(AA_FRAME)) < 70, "open mouth is not dark inside");
        assertTrue(worstCorner(frames.get(AA_FRAME), face.bgr()) < 0.5, "image corners moved");
    }

    @Test
    void openVowelAndRestDifferClearlyOnASmilingPhoto() throws IOException {
        TestFaces.Face face = TestFaces.astronaut();
        List<byte[]> frames = animate(face, stillWithBlink());
        Region mouth = mouth(face);
        double openVsRest = mouth.diff(frames.get(AA_FRAME), frames.get(REST_FRAME));
        // The photo shows teeth between the inner lips; REST closes the lips over them.
        Region teeth = Region.around(face.landmarks(), 61, 67, -4, -2, -2);
        double teethBefore = teeth.whiteShare(face.bgr());
        double teethAtRest = teeth.whiteShare(frames.get(REST_FRAME));
        System.out.printf("astronaut: mouth AA vs REST %.2f; share of tooth-white between the lips %.2f → %.2f "
                        + "at REST; "
                        + "corners %.3f%n",
                openVsRest, teethBefore, teethAtRest, worstCorner(frames.get(AA_FRAME), face.bgr()));
        assertTrue(openVsRest > 12, "AA and REST frames should differ clearly, mean difference " + openVsRest);
        assertTrue(teethBefore > 0.3 && teethAtRest < teethBefore / 3, "REST should close the lips over the teeth");
        // Away from the mouth the frame is untouched: the forehead above the eyes and the corners.
        Region forehead = Region.around(face.landmarks(), 17, 26, 0, 60, -20);
        double foreheadDiff = forehead.diff(frames.get(AA_FRAME), face.bgr());
        assertTrue(foreheadDiff < 1, "forehead changed by " + foreheadDiff + " in " + forehead);
        assertTrue(worstCorner(frames.get(AA_FRAME), face.bgr()) < 0.5, "image corners moved");
    }

    @Test
    void blinkChangesTheEyesAndNothingElse() throws IOException {
        for (TestFaces.Face face : List.of(TestFaces.astronaut(), TestFaces.graceHopper())) {
            List<byte[]> frames = animate(face, stillWithBlink());
            Region eye = leftEye(face);
            byte[] open = frames.get(OPEN_EYES_FRAME);
            byte[] shut = frames.get(BLINK_FRAME);
            // Same mouth (REST), no blink: the frame before the blink equals the first REST frame.
            double before = eye.diff(open, frames.get(REST_FRAME));
            double during = eye.diff(shut, open);
            double mouthDuring = mouth(face).diff(shut, open);
            System.out.printf("%s: eye before blink %.2f, eye during blink %.2f, mouth during blink %.3f%n",
                    face.name(), before, during, mouthDuring);
            assertTrue(before == 0, "eyes should be as in other frames without a blink: " + before);
            assertTrue(during > 8, "the eye region should change during the blink: " + during);
            assertTrue(mouthDuring < 0.1, "the blink moved the mouth: " + mouthDuring);
            assertTrue(worstCorner(shut, face.bgr()) < 0.5, "image corners moved");
        }
    }

    @Test
    void sameInputsGiveIdenticalFrames() throws IOException {
        TestFaces.Face face = TestFaces.astronaut();
        DriverTrack driver = TestFaces.bankDriver("bank://lively", SEQUENCE.length * SEGMENT, FPS, 5);
        List<byte[]> first = animate(face, driver);
        List<byte[]> second = animate(face, driver);
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "frame " + i);
        }
    }

    @Test
    void headMotionMovesTheFaceAndKeepsFramesSane() throws IOException {
        TestFaces.Face face = TestFaces.astronaut();
        double seconds = 8;
        DriverTrack driver = TestFaces.bankDriver("bank://lively", seconds, FPS, 9);
        VisemeTrack speech = ThroughputTest.speech(seconds, 4);
        double photoMean = TestFaces.mean(face.bgr(), SIZE, 0, 0, SIZE, SIZE);
        Region eye = leftEye(face);
        double[] mostEyeMotion = {0};
        double[] worstCorner = {0};
        new TalkAnimator(resampler).animate(face.bgr(), SIZE, face.landmarks(), TestFaces.plain(speech, driver), FPS,
                (int) (seconds * FPS), (i, bgr) -> {
                    double mean = TestFaces.mean(bgr, SIZE, 0, 0, SIZE, SIZE);
                    assertTrue(Math.abs(mean - photoMean) < 6, "frame " + i + " mean " + mean + " vs " + photoMean);
                    if (Blink.closure(driver.blinkStarts(), i / FPS) == 0) {
                        mostEyeMotion[0] = Math.max(mostEyeMotion[0], eye.diff(bgr, face.bgr()));
                    }
                    worstCorner[0] = Math.max(worstCorner[0], worstCorner(bgr, face.bgr()));
                });
        System.out.printf("idle motion: eye region moves up to %.2f levels; corners %.3f%n", mostEyeMotion[0],
                worstCorner[0]);
        assertTrue(mostEyeMotion[0] > 4, "the head should visibly move");
        assertTrue(worstCorner[0] < 1, "the head motion swept the image corners: " + worstCorner[0]);
    }

    /**
     * Renders the held visemes, a blink and a turned head for both faces, writes them as PNGs
     * under target/reenact-frames (whole frames plus magnified mouth and eye sheets) for a person
     * to look at, and checks that the mouth opens in the visemes' order.
     */
    @Test
    void visemesOpenTheMouthInOrderAndFramesAreWrittenForViewing() throws IOException {
        for (TestFaces.Face face : List.of(TestFaces.astronaut(), TestFaces.graceHopper())) {
            List<byte[]> frames = animate(face, stillWithBlink());
            Region mouth = mouth(face);
            Map<Viseme, Double> change = new EnumMap<>(Viseme.class);
            for (int k = 0; k < 9; k++) {
                change.put(SEQUENCE[k], mouth.diff(frames.get(frameOf(k)), frames.get(REST_FRAME)));
            }
            System.out.println(face.name() + ": mouth change from REST " + change);
            assertTrue(change.get(Viseme.AA) > change.get(Viseme.EH), "AA should open wider than EH");
            assertTrue(change.get(Viseme.EH) > change.get(Viseme.EE), "EH should open wider than EE");
            assertTrue(change.get(Viseme.PBM) < change.get(Viseme.EE) / 2, "PBM should stay closed like REST");

            // The largest idle pose, held, with the mouth open: the face turns, the corners stay.
            // About the largest pose the lively bank reaches.
            HeadPose turned = new HeadPose(4, 2.5, 2, 0.01, 0.01, 1.01);
            List<HeadPose> held = Collections.nCopies(frames.size(), turned);
            byte[] turnedFrame = animate(face, new DriverTrack("test://turned", FPS, held, List.of())).get(AA_FRAME);
            assertTrue(leftEye(face).diff(turnedFrame, frames.get(AA_FRAME)) > 4, "the head did not turn");
            assertTrue(worstCorner(turnedFrame, face.bgr()) < 0.5, "image corners moved");

            String name = face.name();
            TestFaces.writePng(face.bgr(), SIZE, name + "-source");
            for (int k = 0; k < 9; k++) {
                TestFaces.writePng(frames.get(frameOf(k)), SIZE, name + "-" + k + "-" + SEQUENCE[k]);
            }
            TestFaces.writePng(frames.get(BLINK_FRAME), SIZE, name + "-blink");
            TestFaces.writePng(turnedFrame, SIZE, name + "-turned-AA");
            List<byte[]> sheet = new ArrayList<>(List.of(face.bgr()));
            for (int k = 0; k < 9; k++) {
                sheet.add(frames.get(frameOf(k)));
            }
            sheet.add(frames.get(BLINK_FRAME));
            Point lips = face.landmarks().get(62);
            TestFaces.writeSheet(sheet, SIZE, (int) lips.x() - 100, (int) lips.y() - 90, 200, 160, 2, name + "-sheet");
            List<byte[]> eyes = new ArrayList<>(List.of(face.bgr()));
            eyes.addAll(frames.subList(BLINK_FRAME - 1, BLINK_FRAME + 4));
            Point left = face.landmarks().get(36);
            Point right = face.landmarks().get(45);
            int width = (int) (right.x() - left.x()) + 60;
            TestFaces.writeSheet(eyes, SIZE, (int) left.x() - 30, (int) left.y() - 45, width, 80, 2, name + "-eyes");
        }
    }

    /** The whole engine with each resampling backend: the ONNX graph on the CPU gives OpenCV's frames. */
    @Test
    void onnxBackendRendersTheSameFramesAsOpenCv() throws IOException {
        TestFaces.Face face = TestFaces.astronaut();
        double seconds = 2;
        Performance performance = new Performance(ThroughputTest.speech(seconds, 2), null,
                TestFaces.bankDriver("bank://lively", seconds, FPS, 4), AnimationSettings.DEFAULT);
        int frames = (int) (seconds * FPS);
        List<byte[]> viaOpenCv = new ArrayList<>();
        List<byte[]> viaOnnx = new ArrayList<>();
        new TalkAnimator(resampler).animate(face.bgr(), SIZE, face.landmarks(), performance, FPS, frames,
                (i, bgr) -> viaOpenCv.add(bgr.clone()));
        try (OnnxResampler onnx = new OnnxResampler(OnnxResampler.Device.CPU)) {
            new TalkAnimator(onnx).animate(face.bgr(), SIZE, face.landmarks(), performance, FPS, frames,
                    (i, bgr) -> viaOnnx.add(bgr.clone()));
        }
        assertEquals(frames, viaOnnx.size());
        for (int i = 0; i < frames; i++) {
            byte[] a = viaOpenCv.get(i);
            byte[] b = viaOnnx.get(i);
            long sum = 0;
            int most = 0;
            for (int k = 0; k < a.length; k++) {
                int d = Math.abs((a[k] & 0xff) - (b[k] & 0xff));
                sum += d;
                most = Math.max(most, d);
            }
            // OpenCV rounds sample positions to 1/32 px, ONNX Runtime's GridSample does not (see
            // OnnxResamplerTest): a few levels at sharp edges, a small fraction of a level on average.
            double mean = (double) sum / a.length;
            assertTrue(most <= 6 && mean < 0.2, "frame " + i + ": max diff " + most + ", mean " + mean);
        }
    }
}
