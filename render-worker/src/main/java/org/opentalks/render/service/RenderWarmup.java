package org.opentalks.render.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.document.Viseme;
import org.opentalks.contract.document.VisemeSegment;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.TalkSpec.DriverExpressions;
import org.opentalks.contract.event.TalkSpec.Expression;
import org.opentalks.media.PipelinedFrameWriter;
import org.opentalks.reenact.AnimationSettings;
import org.opentalks.reenact.Performance;
import org.opentalks.reenact.Resampler;
import org.opentalks.reenact.TalkAnimator;

/**
 * Renders and encodes two seconds of a template face at start-up, into a file that is deleted at
 * once, so that the first talk does not pay for loading the native libraries and compiling the
 * engine's hot paths (measured: the first talk's render took twice as long as the next ones).
 * The template is a face's 68 landmarks in a 512 crop over a plain gradient; nothing of it reaches a
 * talk.
 */
@ApplicationScoped
class RenderWarmup {
    private static final Logger LOG = Logger.getLogger(RenderWarmup.class);
    private static final double SECONDS = 2;

    private final RenderService renders;

    RenderWarmup(RenderService renders) {
        this.renders = renders;
    }

    void onStart(@Observes StartupEvent event) {
        long start = System.nanoTime();
        int size = renders.size();
        double fps = renders.fps();
        int frames = (int) (SECONDS * fps);
        byte[] crop = new byte[size * size * 3];
        for (int i = 0; i < crop.length; i++) {
            crop[i] = (byte) (96 + (i / 3 / size) * 96 / size);
        }
        List<VisemeSegment> segments = new ArrayList<>();
        Viseme[] cycle = {Viseme.AA, Viseme.PBM, Viseme.EE, Viseme.OH, Viseme.REST};
        for (int k = 0; k * 0.2 < SECONDS; k++) {
            segments.add(new VisemeSegment(cycle[k % cycle.length], k * 0.2, (k + 1) * 0.2, "warm-up"));
        }
        float[] energy = new float[frames];
        for (int i = 0; i < frames; i++) {
            energy[i] = (float) (0.5 + 0.5 * Math.sin(i * 0.4));
        }
        Performance performance = new Performance(new VisemeTrack(SECONDS, 16000, "warm-up", segments), energy,
                new DriverTrack("warm-up", fps, List.of(), List.of(0.5)),
                AnimationSettings.DEFAULT.withExpressions(new DriverExpressions(List.of(new Expression(0, "happy", 1)),
                        0)));
        try {
            Path file = Files.createTempFile("opentalks-warmup-", ".mp4");
            try (Resampler resampler = renders.resampler();
                 PipelinedFrameWriter writer = PipelinedFrameWriter.open(file, size, size, fps)) {
                new TalkAnimator(resampler).animate(crop, size, templateFace(), performance, fps, frames,
                        (index, bgr) -> writer.write(bgr));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("render warm-up failed", e);
        }
        LOG.infof("engine and encoder warmed up in %d ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** The template face's landmarks, in 512-crop pixels. */
    private static List<Point> templateFace() throws IOException {
        List<Point> points = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RenderWarmup.class.getResourceAsStream("/org/opentalks/render/warmup-face.txt"),
                StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] xy = line.trim().split("\\s+");
                points.add(new Point(Double.parseDouble(xy[0]), Double.parseDouble(xy[1])));
            }
        }
        return points;
    }
}
