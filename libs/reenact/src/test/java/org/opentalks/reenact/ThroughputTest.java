package org.opentalks.reenact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.TalkSpec.DriverExpressions;
import org.opentalks.contract.event.TalkSpec.Expression;

/** Prints the per-frame speed of the whole path (no assertions on time: machines are noisy). */
@Tag("bench")
class ThroughputTest {
    /** Speech-like timeline: a new viseme every 60–140 ms. */
    static VisemeTrack speech(double seconds, long seed) {
        Random random = new Random(seed);
        Viseme[] all = Viseme.values();
        List<VisemeSegment> segments = new ArrayList<>();
        double t = 0;
        while (t < seconds) {
            double end = Math.min(seconds, t + 0.06 + 0.08 * random.nextDouble());
            Viseme v = all[random.nextInt(all.length)];
            segments.add(new VisemeSegment(v, t, end, v.name()));
            t = end;
        }
        return new VisemeTrack(seconds, 22050, "test", segments);
    }

    @Test
    void printsFramesPerSecond() throws IOException {
        TestFaces.Face face = TestFaces.astronaut();
        int size = TestFaces.SIZE;
        double fps = 25;
        double seconds = 12;
        int frames = (int) Math.round(seconds * fps);
        VisemeTrack visemes = speech(seconds, 7);
        DriverTrack driver = TestFaces.bankDriver("bank://lively", seconds, fps, 3);
        // D-ID's defaults plus a smile from the second second, as a talk that asks for one runs.
        Performance performance = new Performance(visemes, null, driver, AnimationSettings.DEFAULT.withExpressions(
                new DriverExpressions(List.of(new Expression(25, "happy", 0.8)), 10)));
        // One core, as the brief's budget assumes: keep OpenCV from spreading remap over threads.
        int threads = opencv_core.getNumThreads();
        opencv_core.setNumThreads(1);
        try (OpenCvResampler resampler = new OpenCvResampler()) {
            TalkAnimator animator = new TalkAnimator(resampler);
            int[] count = {0};
            animator.animate(face.bgr(), size, face.landmarks(), performance, fps, frames, (i, bgr) -> count[0]++);
            long start = System.nanoTime();
            for (int round = 0; round < 3; round++) {
                animator.animate(face.bgr(), size, face.landmarks(), performance, fps, frames,
                        (i, bgr) -> count[0]++);
            }
            double perFrame = (System.nanoTime() - start) / 1e6 / (3 * frames);
            assertEquals(4 * frames, count[0]);
            System.out.printf("reenact: %d frames of %d², %.2f ms/frame, %.0f frames/s (whole path, one thread)%n",
                    3 * frames, size, perFrame, 1000 / perFrame);

            // Stage breakdown on the same data.
            FaceRig rig = new FaceRig(face.landmarks(), size, RigSettings.DEFAULT);
            DenseWarp warp = new DenseWarp(size, size, DenseWarp.defaultGridStep(size), rig.count());
            rig.confine(warp);
            double[] rigPoints = new double[2 * rig.count()];
            double[] articulated = new double[2 * rig.count()];
            double[] target = new double[2 * rig.count()];
            float[] mapX = new float[size * size];
            float[] mapY = new float[size * size];
            byte[] out = new byte[size * size * 3];
            MouthInterior interior = new MouthInterior(face.bgr(), size, rig.source(), rig.interOcular());
            double[] neutral = new double[Expressions.COMPONENTS];
            long tWarp = 0;
            long tFold = 0;
            long tRemap = 0;
            long tPaint = 0;
            int n = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < frames; i++, n++) {
                    double open = 0.15 + 0.15 * Math.sin(i * 0.3);
                    long a = System.nanoTime();
                    rig.target(open, 0.05, (i % 10) / 10.0, driver.poses().get(i), neutral, rigPoints, articulated,
                            target);
                    warp.build(rigPoints, articulated, target, rig.count(), rig::articulationWeight, mapX, mapY);
                    long b = System.nanoTime();
                    rig.fold(mapX, mapY);
                    long c = System.nanoTime();
                    resampler.remap(face.bgr(), size, size, mapX, mapY, out);
                    long d = System.nanoTime();
                    interior.paint(out, size, articulated, target, rig.targetGap(), 1, rig.interOcular());
                    long e = System.nanoTime();
                    if (round == 1) {
                        tWarp += b - a;
                        tFold += c - b;
                        tRemap += d - c;
                        tPaint += e - d;
                    }
                }
            }
            System.out.printf("reenact stages (ms/frame): rig+spline+maps %.2f, folds %.2f, remap %.2f, "
                    + "interior %.2f%n",
                    tWarp / 1e6 / frames, tFold / 1e6 / frames, tRemap / 1e6 / frames, tPaint / 1e6 / frames);
        } finally {
            opencv_core.setNumThreads(threads);
        }
    }
}
