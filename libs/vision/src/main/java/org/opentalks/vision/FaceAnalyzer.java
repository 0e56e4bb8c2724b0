package org.opentalks.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.FaceDocument;
import org.opentalks.contract.document.Point;

/**
 * Finds the most confident face in a photo (BlazeFace), places dlib's 68 landmarks on it and chooses the square
 * crop that the talking-head video shows. Thread-safe; owns and closes the detector.
 */
public final class FaceAnalyzer implements AutoCloseable {
    /** D-ID's {@code align_expand_factor} default. */
    public static final double DEFAULT_CROP_EXPAND = 0.3;
    /**
     * The landmark extent spans brows to chin and ear to ear, while the video should show the whole head with hair
     * (or a cap) and some neck: the crop side is this many landmark extents times (1 + 2 * expand). Chosen by eye
     * on the sample portraits (astronaut, Grace Hopper).
     */
    static final double HEAD_PER_LANDMARK_EXTENT = 1.55;
    /**
     * The crop centre sits this many landmark extents above the landmarks' centre: forehead and hair above the
     * brows need more room than chin and neck below, so a crop centred on the landmarks cut the top of the head.
     */
    static final double CROP_RAISE = 0.08;
    /** Faces narrower than this many pixels give meaningless landmarks. */
    static final double MIN_FACE_PIXELS = 16;

    private final BlazeFaceDetector detector;
    private final ShapePredictor predictor;
    private final double cropExpand;

    public FaceAnalyzer(BlazeFaceDetector detector, ShapePredictor predictor) {
        this(detector, predictor, DEFAULT_CROP_EXPAND);
    }

    public FaceAnalyzer(BlazeFaceDetector detector, ShapePredictor predictor, double cropExpand) {
        if (predictor.numParts() != FaceDocument.LANDMARK_COUNT) {
            throw new IllegalArgumentException("the shape predictor gives " + predictor.numParts()
                    + " landmarks; a 68-point iBUG model is needed");
        }
        this.detector = detector;
        this.predictor = predictor;
        this.cropExpand = checkedExpand(cropExpand);
    }

    /** Loads the BlazeFace models from {@code blazeFaceDir} and dlib's 68-landmark model from {@code datFile}. */
    public static FaceAnalyzer load(Path blazeFaceDir, Path datFile) throws IOException {
        BlazeFaceDetector detector = BlazeFaceDetector.load(blazeFaceDir);
        try {
            return new FaceAnalyzer(detector, ShapePredictor.load(datFile));
        } catch (IOException | RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    /** The most confident face with its landmarks and crop, or empty when there is no plausible face. */
    public Optional<FaceDocument> analyze(BufferedImage image) {
        return analyze(image, cropExpand);
    }

    /**
     * As {@link #analyze(BufferedImage)}, with the crop extending {@code cropExpand} (D-ID's
     * {@code align_expand_factor}) beyond the face.
     */
    public Optional<FaceDocument> analyze(BufferedImage image, double cropExpand) {
        checkedExpand(cropExpand);
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = PackedRgb.read(image);
        List<FaceDetection> faces = detector.detect(rgb, width, height);
        if (faces.isEmpty()) {
            return Optional.empty();
        }
        FaceDetection face = faces.get(0);
        if (!isPlausible(face, width, height)) {
            return Optional.empty();
        }
        Grayscale grayscale = Grayscale.fromPackedRgb(rgb, width, height);
        List<Point> landmarks = predictor.predict(grayscale, landmarkRect(face.box()));
        return Optional.of(new FaceDocument(width, height, face.box(), face.score(), landmarks,
                crop(landmarks, cropExpand), faces.size()));
    }

    private static double checkedExpand(double cropExpand) {
        if (!(cropExpand >= 0)) {
            throw new IllegalArgumentException("crop expand factor must be >= 0, got " + cropExpand);
        }
        return cropExpand;
    }

    private boolean isPlausible(FaceDetection face, int width, int height) {
        Box box = face.box();
        return face.score() >= detector.scoreThreshold()
                && box.width() >= MIN_FACE_PIXELS
                && box.centerX() >= 0 && box.centerX() < width && box.centerY() >= 0 && box.centerY() < height;
    }

    /**
     * The rectangle handed to the shape predictor. It was trained on dlib's HOG detector boxes; on the sample
     * portraits those are squares about as large as BlazeFace's box and centred on it (HOG/BlazeFace side ratio
     * 0.93 and 1.08, centres within 3 px), so the BlazeFace box is used as a square of the same size.
     */
    static Box landmarkRect(Box box) {
        double side = Math.max(box.width(), box.height());
        return new Box(box.centerX() - side / 2, box.centerY() - side / 2, side, side);
    }

    /**
     * The square that becomes the video: centred on the landmarks (a little higher, for the hair), side = extent x
     * {@link #HEAD_PER_LANDMARK_EXTENT} x (1 + 2 x expand), extent being the larger side of the landmarks' box.
     */
    static Box crop(List<Point> landmarks, double expand) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Point p : landmarks) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        double extent = Math.max(maxX - minX, maxY - minY);
        double side = extent * HEAD_PER_LANDMARK_EXTENT * (1 + 2 * expand);
        double centreX = (minX + maxX) / 2;
        double centreY = (minY + maxY) / 2 - CROP_RAISE * extent;
        return new Box(centreX - side / 2, centreY - side / 2, side, side);
    }

    public BlazeFaceDetector detector() {
        return detector;
    }

    public ShapePredictor predictor() {
        return predictor;
    }

    @Override
    public void close() {
        detector.close();
    }
}
