package org.opentalks.render.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.Rendered;
import org.opentalks.media.PipelinedFrameWriter;
import org.opentalks.reenact.AnimationSettings;
import org.opentalks.reenact.CropExtractor;
import org.opentalks.reenact.OpenCvResampler;
import org.opentalks.reenact.Performance;
import org.opentalks.reenact.Resampler;
import org.opentalks.reenact.SpeechEnergy;
import org.opentalks.reenact.TalkAnimator;
import org.opentalks.reenact.onnx.OnnxResampler;
import org.opentalks.render.config.RenderConfig;
import org.opentalks.service.stage.StoredImages;
import org.opentalks.service.stage.Workspace;
import org.opentalks.speech.Pcm;
import org.opentalks.speech.WavFile;
import org.opentalks.store.ObjectStore;

/** Animates the face crop and stores it as {@code frames.mp4}, a video without audio. */
@ApplicationScoped
public class RenderService {
    private final ObjectStore store;
    private final RenderConfig config;

    RenderService(ObjectStore store, RenderConfig config) {
        this.store = store;
        this.config = config;
    }

    public Rendered render(DriverMatched matched) {
        String talkId = matched.talkId();
        String framesKey = ObjectKeys.work(talkId, ObjectKeys.FRAMES_MP4);
        int size = config.size();
        double fps = config.fps();
        int numFrames = frameCount(matched.speech().durationSeconds(), fps);
        if (store.exists(framesKey)) {
            return new Rendered(matched, framesKey, numFrames, fps, size, size, 0);
        }
        long start = System.nanoTime();
        BufferedImage photo = StoredImages.read(store, matched.sourceKey());
        FaceDocument face = store.getJson(matched.faceKey(), FaceDocument.class);
        DriverTrack driver = store.getJson(matched.driverKey(), DriverTrack.class);
        VisemeTrack visemes = store.getJson(matched.speech().visemesKey(), VisemeTrack.class);
        Pcm speech = WavFile.decode(store.get(matched.speech().speechKey()));
        Performance performance = new Performance(visemes,
                SpeechEnergy.envelope(speech.samples(), speech.sampleRate(), fps, numFrames), driver,
                AnimationSettings.of(matched.speech().spec().config()));

        byte[] crop = CropExtractor.extract(photo, face.crop(), size);
        List<Point> landmarks = CropExtractor.toCrop(face.landmarks(), face.crop(), size);
        try (Workspace workspace = new Workspace(talkId)) {
            Path frames = workspace.file(ObjectKeys.FRAMES_MP4);
            try (Resampler resampler = resampler();
                 PipelinedFrameWriter writer = PipelinedFrameWriter.open(frames, size, size, fps)) {
                new TalkAnimator(resampler).animate(crop, size, landmarks, performance, fps, numFrames,
                        (index, bgr) -> writer.write(bgr));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            store.putFile(framesKey, frames, "video/mp4");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Rendered(matched, framesKey, numFrames, fps, size, size, seconds);
    }

    int size() {
        return config.size();
    }

    double fps() {
        return config.fps();
    }

    /** The configured backend; ONNX Runtime is asked for its CUDA provider and falls back to its CPU one. */
    Resampler resampler() {
        return switch (config.resampler()) {
            case opencv -> new OpenCvResampler();
            case onnx -> new OnnxResampler(OnnxResampler.Device.CUDA);
        };
    }

    /** Enough frames to cover the speech: the muxer pads the audio to the same length. */
    static int frameCount(double durationSeconds, double fps) {
        return Math.max(1, (int) Math.ceil(durationSeconds * fps - 1e-9));
    }
}
