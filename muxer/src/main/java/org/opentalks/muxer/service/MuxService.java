package org.opentalks.muxer.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.api.TalkFace;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.WordTrack;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.Rendered;
import org.opentalks.contract.event.ResultMetadata;
import org.opentalks.contract.event.StageFailure;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.media.Logo;
import org.opentalks.media.MuxOptions;
import org.opentalks.media.MuxResult;
import org.opentalks.media.ResultFormat;
import org.opentalks.media.Stitch;
import org.opentalks.media.TalkMuxer;
import org.opentalks.media.UnusableMediaException;
import org.opentalks.media.VideoFrames;
import org.opentalks.service.fetch.FetchException;
import org.opentalks.service.fetch.FetchKind;
import org.opentalks.service.fetch.SafeFetcher;
import org.opentalks.service.stage.StoredImages;
import org.opentalks.service.stage.Workspace;
import org.opentalks.speech.Srt;
import org.opentalks.speech.SubtitleCue;
import org.opentalks.speech.Subtitles;
import org.opentalks.speech.WebVtt;
import org.opentalks.speech.WordTiming;
import org.opentalks.store.ObjectStore;

/**
 * Puts the rendered frames and the speech into the result in the requested format (MP4 or MOV with
 * H.264 + AAC, or a looping GIF), stitched back into the full photo and with the client's logo on
 * top when the talk asks for them, and stores it under {@code results/}.
 */
@ApplicationScoped
public class MuxService {
    private final ObjectStore store;
    private final SafeFetcher fetcher;
    private final TalkMuxer muxer = new TalkMuxer();

    MuxService(ObjectStore store, SafeFetcher fetcher) {
        this.store = store;
        this.fetcher = fetcher;
    }

    public TalkCompleted mux(Rendered rendered) {
        DriverMatched matched = rendered.matched();
        String talkId = rendered.talkId();
        TalkSpec.TalkConfig config = matched.speech().spec().config();
        ResultFormat format = ResultFormat.fromName(config.resultFormat());
        String resultKey = ObjectKeys.result(rendered.owner(), talkId, format.extension());
        FaceDocument face = store.getJson(matched.faceKey(), FaceDocument.class);
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
            Path output = workspace.file("result." + format.extension());
            Logo logo = logo(config.logo(), rendered.owner());
            store.download(rendered.framesKey(), frames);
            store.download(matched.speech().speechKey(), speech);
            Stitch stitch = config.stitch()
                    ? new Stitch(StoredImages.read(store, matched.sourceKey()), face.crop()) : null;
            List<SubtitleCue> cues = subtitles(rendered);
            try {
                result = muxer.mux(frames, speech, output, new MuxOptions(format, stitch, logo,
                        config.subtitlesBurn() ? cues : null));
            } catch (UnusableMediaException e) {
                throw new StageFailure(ErrorKind.LogoError, e.getMessage(), e);
            }
            store.putFile(resultKey, output, format.mimeType());
        }
        double muxSeconds = (System.nanoTime() - start) / 1e9;
        return completed(rendered, face, resultKey, result.numFrames(), List.of(result.width(), result.height()),
                result.sizeBytes(), muxSeconds);
    }

    /**
     * The talk's subtitles, when its script asked for them: cues made from the words the tts-service timed
     * ({@code words.json}), stored as WebVTT and SRT beside the result (before it, so that a stored result
     * means its subtitles are there too); null when none were asked for.
     */
    private List<SubtitleCue> subtitles(Rendered rendered) {
        DriverMatched matched = rendered.matched();
        if (matched.speech().spec().script() == null || !matched.speech().spec().script().subtitles()) {
            return null;
        }
        String wordsKey = ObjectKeys.work(rendered.talkId(), ObjectKeys.WORDS_JSON);
        WordTrack words = store.exists(wordsKey) ? store.getJson(wordsKey, WordTrack.class)
                : new WordTrack(matched.speech().durationSeconds(), "none", List.of());
        List<SubtitleCue> cues = Subtitles.cues(words.words().stream()
                .map(w -> new WordTiming(w.text(), w.start(), w.end())).toList(), words.durationSeconds());
        store.put(ObjectKeys.subtitles(rendered.owner(), rendered.talkId(), "vtt"),
                WebVtt.write(cues).getBytes(StandardCharsets.UTF_8), WebVtt.MEDIA_TYPE);
        store.put(ObjectKeys.subtitles(rendered.owner(), rendered.talkId(), "srt"),
                Srt.write(cues).getBytes(StandardCharsets.UTF_8), Srt.MEDIA_TYPE);
        return cues;
    }

    /** D-ID's {@code config.logo}: fetched like any remote image; a logo that cannot be used is a LogoError. */
    private Logo logo(TalkSpec.Logo requested, String owner) {
        if (requested == null || requested.disabled()) {
            return null;
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                    fetcher.fetch(requested.url(), owner, FetchKind.LOGO).bytes()));
            if (image == null) {
                throw new StageFailure(ErrorKind.LogoError, "The logo " + requested.url() + " cannot be decoded.");
            }
            return new Logo(image, requested.position().get(0), requested.position().get(1));
        } catch (FetchException e) {
            throw e.toStageFailure(ErrorKind.LogoError);
        } catch (IOException e) {
            throw new StageFailure(ErrorKind.LogoError, "The logo " + requested.url() + " cannot be decoded.", e);
        }
    }

    /** Read back from the stored video: a stitched result has the photo's size, not the frames'. */
    private List<Integer> storedResolution(String talkId, String resultKey) {
        try (Workspace workspace = new Workspace(talkId)) {
            Path result = workspace.file("result" + resultKey.substring(resultKey.lastIndexOf('.')));
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
        ResultMetadata metadata = new ResultMetadata(matched.driverUrl(), face.mouthOpen(), face.numFaces(), numFrames,
                processingFps, resolution, round1(sizeBytes / 1024.0), matched.speech().voice());
        return new TalkCompleted(rendered.talkId(), rendered.owner(), resultKey, matched.speech().speechKey(),
                matched.speech().durationSeconds(), metadata, TalkFace.of(face));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
