package org.opentalks.driver.service;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jboss.logging.Logger;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.document.DriverTrack;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.VisemeTrack;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.StageFailure;
import org.opentalks.driver.config.ModelConfig;
import org.opentalks.drivers.DriverBank;
import org.opentalks.drivers.DriverRef;
import org.opentalks.drivers.SourcePose;
import org.opentalks.drivers.UnknownDriverException;
import org.opentalks.service.fetch.FetchConfig;
import org.opentalks.service.fetch.SourceFetcher;
import org.opentalks.store.ObjectStore;
import org.opentalks.vision.BlazeFaceDetector;
import org.opentalks.vision.FaceAnalyzer;
import org.opentalks.vision.ShapePredictor;

/**
 * Fetches the source photo, finds the face and its landmarks, and picks the motion that drives it from
 * the driver bank: the requested family, driver and variant, the rest chosen to suit the face's pose
 * ({@code auto_match}), with nods at the speech's phrase boundaries.
 * Writes {@code source.png}, {@code face.json} and, last, {@code driver.json}.
 */
@Startup
@ApplicationScoped
public class DriverMatchService {
    private static final Logger LOG = Logger.getLogger(DriverMatchService.class);

    private final ObjectStore store;
    private final SourceFetcher fetcher;
    private final FetchConfig fetchConfig;
    private final FaceAnalyzer analyzer;
    private final double fps;
    private final DriverBank bank;

    DriverMatchService(ObjectStore store, SourceFetcher fetcher, FetchConfig fetchConfig, ModelConfig models) {
        this.store = store;
        this.fetcher = fetcher;
        this.fetchConfig = fetchConfig;
        this.fps = models.fps();
        long start = System.nanoTime();
        this.bank = DriverBank.load();
        try {
            this.analyzer = new FaceAnalyzer(BlazeFaceDetector.load(models.blazefaceDir()),
                    ShapePredictor.load(models.landmarksFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the face models (run ./opentalks setup): "
                    + e.getMessage(), e);
        }
        LOG.infof("face models and driver bank loaded in %d ms", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Runs the face detector once at start-up on a blank image, so that the first talk does not pay
     * for ONNX Runtime's first inference (about half a second, measured).
     */
    void warmUp(@Observes StartupEvent event) {
        analyzer.analyze(new BufferedImage(512, 512, BufferedImage.TYPE_3BYTE_BGR));
    }

    public DriverMatched match(SpeechReady speech) {
        String talkId = speech.talkId();
        String sourceKey = ObjectKeys.work(talkId, ObjectKeys.SOURCE_IMAGE);
        String faceKey = ObjectKeys.work(talkId, ObjectKeys.FACE_JSON);
        String driverKey = ObjectKeys.work(talkId, ObjectKeys.DRIVER_JSON);
        if (store.exists(driverKey)) {
            DriverTrack done = store.getJson(driverKey, DriverTrack.class);
            return new DriverMatched(speech, sourceKey, faceKey, driverKey, done.driverUrl());
        }
        DriverRef ref = driverRef(speech.spec().driverUrl());
        BufferedImage photo = decode(fetcher.fetch(speech.spec().sourceUrl(), speech.owner(),
                fetchConfig.maxImageBytes()));
        FaceDocument face = analyzer.analyze(photo, speech.spec().config().alignExpandFactor()).orElseThrow(
                () -> new StageFailure(ErrorKind.FaceError, "No face was detected in the source image; use a photo "
                        + "with one clearly visible, frontal face."));
        // The talk id seeds the choice among equally suitable drivers and the loop's phase: a redelivery
        // makes the same track.
        VisemeTrack visemes = store.getJson(speech.visemesKey(), VisemeTrack.class);
        DriverTrack driver = bank.track(ref, speech.spec().config().autoMatch(), SourcePose.estimate(face.landmarks()),
                visemes, speech.durationSeconds(), fps, talkId.hashCode());
        store.put(sourceKey, png(photo), "image/png");
        store.putJson(faceKey, face);
        store.putJson(driverKey, driver);
        return new DriverMatched(speech, sourceKey, faceKey, driverKey, driver.driverUrl());
    }

    /** The bank driver a talk asks for; anything else (unknown banks, driver videos) is a DriverError. */
    private static DriverRef driverRef(String driverUrl) {
        try {
            return DriverRef.parse(driverUrl);
        } catch (UnknownDriverException e) {
            throw new StageFailure(ErrorKind.DriverError, e.getMessage());
        }
    }

    private static BufferedImage decode(byte[] bytes) {
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            decoded = null;
        }
        if (decoded == null) {
            throw new StageFailure(ErrorKind.SourceError, "The source could not be decoded as a JPEG or PNG image.");
        }
        // One pixel layout for everything downstream: 8-bit BGR, alpha dropped.
        BufferedImage bgr = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(decoded, 0, 0, null);
        return bgr;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @PreDestroy
    void close() throws Exception {
        analyzer.close();
    }
}
