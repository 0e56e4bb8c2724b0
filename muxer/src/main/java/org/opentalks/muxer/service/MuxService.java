package org.opentalks.muxer.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.Rendered;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.media.MuxResult;
import org.opentalks.media.Stitch;
import org.opentalks.media.TalkMuxer;
import org.opentalks.media.VideoFrames;
import org.opentalks.service.stage.StoredImages;
import org.opentalks.service.stage.Workspace;

/**
 * Puts the rendered frames and the speech into the result MP4 (H.264 + AAC, faststart), stitched
 * back into the full photo when the talk asks for it, and stores it under {@code results/}.
 */
@ApplicationScoped
public class MuxService {
    private final ObjectStore store;
    private final TalkMuxer muxer = new TalkMuxer();

    MuxService(ObjectStore store) {
        this.store = store;
    }

    public TalkCompleted mux(Rendered rendered) {
        DriverMatched matched = rendered.matched();
        String talkId = rendered.talkId();
        String resultKey = ObjectKeys.result(rendered.owner(), talkId, "mp4");
        FaceDocument face = store.getJson(matched.faceKey(), FaceDocument.class);
        boolean stitch = matched.speech().spec().config() != null && matched.speech().spec().config().stitch();
        long start = System.nanoTime();
        MuxResult result;
        if (store.exists(resultKey)) {
            // A redelivered event: the result was stored already; report it again without redoing it.
            return completed(rendered, face, resultKey, rendered.numFrames(), storedResolution(talkId, resultKey),
                    store.size(resultKey), 0);
        }
        try (Workspace workspace = new Workspace(talkId)) {
            Path frames = workspace.file(ObjectKeys.FRAMES_MP4);
            Path speech = workspace.file(ObjectKeys.SPEECH_WAV);
            Path output = workspace.file("result.mp4");
            store.download(rendered.framesKey(), frames);
            store.download(matched.speech().speechKey(), speech);
            Stitch stitchSpec = stitch ? new Stitch(StoredImages.read(store, matched.sourceKey()), face.crop()) : null;
            result = muxer.mux(frames, speech, output, stitchSpec);
            store.putFile(resultKey, output, "video/mp4");
        }
        double muxSeconds = (System.nanoTime() - start) / 1e9;
        return completed(rendered, face, resultKey, result.numFrames(), List.of(result.width(), result.height()),
                result.sizeBytes(), muxSeconds);
    }

    /** Read back from the stored video: a stitched result has the photo's size, not the frames'. */
    private List<Integer> storedResolution(String talkId, String resultKey) {
        try (Workspace workspace = new Workspace(talkId)) {
            Path result = workspace.file("result.mp4");
            store.download(resultKey, result);
            try (VideoFrames video = VideoFrames.open(result)) {
                return List.of(video.width(), video.height());
            }
        }
    }

    private static TalkCompleted completed(Rendered rendered, FaceDocument face, String resultKey, int numFrames,
                                           List<Integer> resolution, long sizeBytes, double muxSeconds) {
        DriverMatched matched = rendered.matched();
        double processingSeconds = rendered.renderSeconds() + muxSeconds;
        double processingFps = processingSeconds > 0 ? round1(numFrames / processingSeconds) : 0;
        ResultMetadata metadata = new ResultMetadata(matched.driverUrl(), false, face.numFaces(), numFrames,
                processingFps, resolution, round1(sizeBytes / 1024.0), matched.speech().voice());
        return new TalkCompleted(rendered.talkId(), rendered.owner(), resultKey, matched.speech().speechKey(),
                matched.speech().durationSeconds(), metadata);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
