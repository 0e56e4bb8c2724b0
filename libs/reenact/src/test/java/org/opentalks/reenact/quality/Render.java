package org.opentalks.reenact.quality;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import org.opentalks.contract.document.Point;
import org.opentalks.reenact.OpenCvResampler;
import org.opentalks.reenact.Performance;
import org.opentalks.reenact.TalkAnimator;

/**
 * One talk rendered and measured frame by frame, without keeping the frames: what dlib's own
 * detector and predictor read off each frame ({@link DlibLandmarks}, {@link FaceMeasure}), pixel
 * statistics and a digest of the bytes.
 *
 * @param faces     per frame, or empty when the render was not measured
 * @param meanLuma  per frame, over the whole frame
 * @param gradient  per frame, the 99.9th percentile of adjacent-pixel luma steps in the head box
 * @param step      per frame, the mean absolute luma difference from the previous frame in the head
 *                  box (0 for frame 0)
 * @param drift     per frame, how far (px) the patch between the eyes and down the nose has moved
 *                  since frame 0 by image registration: the head's motion, independent of the
 *                  detector
 * @param digests   per frame, SHA-256 of the bytes
 * @param kept      the frames asked for, by index
 */
record Render(List<FaceMeasure> faces, double[] meanLuma, double[] gradient, double[] step, double[] drift,
              double[] eyeChange, List<byte[]> digests, Map<Integer, byte[]> kept) {
    static final double GRADIENT_QUANTILE = 0.999;
    /** Largest displacement (px) the registration looks for. */
    static final int DRIFT_RADIUS = 4;

    /**
     * The mouth and the jaw's travel below it. The painted mouth interior has edges as hard as teeth
     * against a dark mouth, which no photo of a closed mouth has, so the tearing measure leaves it out.
     */
    static FramePixels.Box mouthRegion(List<Point> landmarks, int size) {
        FramePixels.Box mouth = FramePixels.Box.around(landmarks.subList(48, 68), 0.3, size);
        return new FramePixels.Box(mouth.x0(), mouth.y0(), mouth.x1(),
                Math.min(size, mouth.y1() + (mouth.y1() - mouth.y0())));
    }

    int frames() {
        return digests.size();
    }

    double[] series(ToDoubleFunction<FaceMeasure> quantity) {
        return faces.stream().mapToDouble(quantity).toArray();
    }

    /**
     * Renders {@code frames} frames of {@code portrait} and measures them; the instrument (when
     * {@code instrument} is not null) runs on a second thread while the next frames render.
     */
    static Render of(Fixtures.Portrait portrait, Performance performance, double fps, int frames,
                     DlibLandmarks instrument, IntPredicate keep) {
        int size = Fixtures.SIZE;
        FramePixels.Box head = FramePixels.Box.around(portrait.landmarks(), 0, size);
        double[] meanLuma = new double[frames];
        double[] gradient = new double[frames];
        double[] step = new double[frames];
        double[] drift = new double[frames];
        double[] eyeChange = new double[frames];
        FramePixels.Box eyes = FramePixels.Box.around(portrait.landmarks().subList(36, 48), 0.15, size);
        FramePixels.Box lips = mouthRegion(portrait.landmarks(), size);
        FramePixels.Box bridge = FramePixels.Box.around(List.of(portrait.landmarks().get(27),
                portrait.landmarks().get(30), portrait.landmarks().get(39), portrait.landmarks().get(42)), 0, size);
        int[][] first = {null};
        List<byte[]> digests = new ArrayList<>(frames);
        Map<Integer, byte[]> kept = new HashMap<>();
        List<Future<FaceMeasure>> faces = new ArrayList<>(frames);
        ExecutorService detector = Executors.newSingleThreadExecutor();
        int[][] previous = {null};
        try (OpenCvResampler resampler = new OpenCvResampler()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TalkAnimator(resampler).animate(portrait.crop(), size, portrait.landmarks(), performance, fps, frames,
                    (i, bgr) -> {
                        digests.add(sha.digest(bgr));
                        int[] luma = FramePixels.luma(bgr);
                        meanLuma[i] = FramePixels.mean(luma);
                        gradient[i] = FramePixels.gradientQuantile(luma, size, head, lips, GRADIENT_QUANTILE);
                        step[i] = previous[0] == null ? 0 : FramePixels.meanAbsDiff(luma, previous[0], size, head);
                        previous[0] = luma;
                        if (first[0] == null) {
                            first[0] = luma;
                        }
                        drift[i] = FramePixels.displacement(first[0], luma, size, bridge, DRIFT_RADIUS);
                        eyeChange[i] = FramePixels.meanAbsDiff(luma, first[0], size, eyes);
                        if (keep.test(i)) {
                            kept.put(i, bgr.clone());
                        }
                        if (instrument != null) {
                            byte[] copy = bgr.clone();
                            faces.add(detector.submit(() -> measure(instrument, copy, i)));
                        }
                    });
            List<FaceMeasure> measured = new ArrayList<>(faces.size());
            for (Future<FaceMeasure> face : faces) {
                measured.add(face.get());
            }
            return new Render(measured, meanLuma, gradient, step, drift, eyeChange, digests, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InterruptedException e) {
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            detector.shutdownNow();
        }
    }

    /** Measures a frame; a frame with no face fails the test. */
    static FaceMeasure measure(DlibLandmarks instrument, byte[] bgr, int frame) {
        int size = Fixtures.SIZE;
        return instrument.detect(size, size, bgr)
                .map(face -> FaceMeasure.of(face.landmarks()))
                .orElseGet(() -> fail("dlib's detector finds no face in frame " + frame));
    }
}
