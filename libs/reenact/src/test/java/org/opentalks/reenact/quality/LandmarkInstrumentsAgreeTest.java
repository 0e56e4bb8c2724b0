package org.opentalks.reenact.quality;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;
import org.opentalks.vision.FaceAnalyzer;
import org.opentalks.vision.Grayscale;

/**
 * The two landmark instruments agree on the unanimated sample photos, which validates both: dlib's
 * own C++ HOG detector and predictor ({@link DlibLandmarks}), which measures the renders in
 * {@link AnimationQualityTest}, and the project's analyser (BlazeFace boxes, the Java port of the
 * predictor), which places the rig. Each photo is checked whole and as the 512² crop a talk is
 * rendered from.
 */
@Tag("it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LandmarkInstrumentsAgreeTest {
    /**
     * Largest mean distance (inter-ocular distances) between the two instruments' points 17–67
     * (brows, nose, eyes, lips: all that {@link FaceMeasure} reads). The two differ by design only
     * in the box the predictor starts from (HOG's, or BlazeFace's made square), which moves those
     * points by a pixel or two at the crops' iod of about 96 px. The jaw contour 0–16, which no
     * acceptance test measures, follows the box's extent along a weak edge and is printed only: on
     * Grace Hopper's photo, where the HOG box is 216 px and BlazeFace's 201 px, it differs by 0.14
     * iod (17 px at point 13).
     */
    static final double MAX_MEAN_DISTANCE = 0.05;
    static final int FIRST_MEASURED = 17;
    /**
     * Largest distance (px) between a point of the Java port and dlib's on the same box: the port
     * rounds to whole pixels as dlib does and follows its float arithmetic, so the two agree to the
     * pixel.
     */
    static final double MAX_SAME_BOX_DISTANCE = 1;

    private FaceAnalyzer analyzer;
    private DlibLandmarks instrument;

    /** A sample as one instrument sees it: the image and its packed BGR bytes. */
    private record Sample(String name, BufferedImage image, byte[] bgr) {
    }

    private final List<Sample> samples = new ArrayList<>();

    @BeforeAll
    void prepare() {
        analyzer = Fixtures.analyzer();
        instrument = DlibLandmarks.start();
        for (String file : List.of("astronaut.png", "grace_hopper.jpg")) {
            BufferedImage photo = Fixtures.photo(file);
            samples.add(new Sample(file, photo, Fixtures.bgr(photo)));
            Fixtures.Portrait portrait = Fixtures.portrait(analyzer, file, file, true);
            samples.add(new Sample(file + " crop", Fixtures.image(portrait.crop(), Fixtures.SIZE, Fixtures.SIZE),
                    portrait.crop()));
        }
    }

    @AfterAll
    void close() {
        instrument.close();
        analyzer.close();
    }

    private DlibLandmarks.Face dlibFace(Sample sample) {
        return instrument.detect(sample.image().getWidth(), sample.image().getHeight(), sample.bgr())
                .orElseGet(() -> fail("dlib's detector finds no face in " + sample.name()));
    }

    @Test
    void dlibAndTheProjectsAnalyserPlaceTheSameLandmarks() {
        List<Executable> checks = new ArrayList<>();
        for (Sample sample : samples) {
            List<Point> dlib = dlibFace(sample).landmarks();
            FaceDocument face = analyzer.analyze(sample.image())
                    .orElseGet(() -> fail("the project's analyser finds no face in " + sample.name()));
            List<Point> port = face.landmarks();
            double iod = FaceMeasure.of(port).interOcular();
            double measured = meanDistance(dlib.subList(FIRST_MEASURED, 68), port.subList(FIRST_MEASURED, 68)) / iod;
            System.out.printf(Locale.ROOT, "%s (iod %.1f px): dlib vs the project's analyser, mean landmark distance "
                            + "%.4f iod over points 17-67 (brows %.4f, nose %.4f, eyes %.4f, mouth %.4f), jaw 0-16 "
                            + "%.4f, all 68 %.4f; largest %.1f px (point %d)%n", sample.name(), iod, measured,
                    groupDistance(dlib, port, 17, 27) / iod, groupDistance(dlib, port, 27, 36) / iod,
                    groupDistance(dlib, port, 36, 48) / iod, groupDistance(dlib, port, 48, 68) / iod,
                    groupDistance(dlib, port, 0, 17) / iod, meanDistance(dlib, port) / iod, maxDistance(dlib, port),
                    farthest(dlib, port));
            checks.add(() -> assertTrue(measured < MAX_MEAN_DISTANCE, sample.name() + ": dlib's landmarks 17-67 lie "
                    + measured + " iod from the project analyser's on average, want < " + MAX_MEAN_DISTANCE));
        }
        assertAll(checks);
    }

    private static double groupDistance(List<Point> a, List<Point> b, int from, int to) {
        return meanDistance(a.subList(from, to), b.subList(from, to));
    }

    @Test
    void theJavaPortPredictsWhatDlibPredictsOnTheSameBox() {
        List<Executable> checks = new ArrayList<>();
        for (Sample sample : samples) {
            DlibLandmarks.Face dlib = dlibFace(sample);
            DlibLandmarks.Rect box = dlib.box();
            List<Point> port = analyzer.predictor().predict(Grayscale.of(sample.image()), box.left(), box.top(),
                    box.right(), box.bottom());
            double largest = maxDistance(dlib.landmarks(), port);
            System.out.printf(Locale.ROOT, "%s: on dlib's box %s the Java port's points lie up to %.2f px from "
                    + "dlib's (mean %.3f px)%n", sample.name(), box, largest, meanDistance(dlib.landmarks(), port));
            checks.add(() -> assertTrue(largest <= MAX_SAME_BOX_DISTANCE, sample.name() + ": on the same box the "
                    + "Java port's point " + farthest(dlib.landmarks(), port) + " lies " + largest + " px from "
                    + "dlib's, want ≤ " + MAX_SAME_BOX_DISTANCE));
        }
        assertAll(checks);
    }

    static double meanDistance(List<Point> a, List<Point> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += distance(a.get(i), b.get(i));
        }
        return sum / a.size();
    }

    static double maxDistance(List<Point> a, List<Point> b) {
        return distance(a.get(farthest(a, b)), b.get(farthest(a, b)));
    }

    static int farthest(List<Point> a, List<Point> b) {
        int most = 0;
        for (int i = 1; i < a.size(); i++) {
            if (distance(a.get(i), b.get(i)) > distance(a.get(most), b.get(most))) {
                most = i;
            }
        }
        return most;
    }

    static double distance(Point p, Point q) {
        return Math.hypot(p.x() - q.x(), p.y() - q.y());
    }
}
