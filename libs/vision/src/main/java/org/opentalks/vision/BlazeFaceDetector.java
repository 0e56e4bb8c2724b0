package org.opentalks.vision;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.Point;

/**
 * MediaPipe's BlazeFace short-range detector (Bazarevsky et al., "BlazeFace: Sub-millisecond Neural Face Detection
 * on Mobile GPUs", 2019) in the ONNX exports of keijiro's Unity package, run with ONNX Runtime on the CPU. The
 * front (128 px) model is tried first; the back (256 px) model, which sees smaller faces, only when the front one
 * finds nothing. Thread-safe: ONNX Runtime sessions allow concurrent {@code run} calls.
 */
public final class BlazeFaceDetector implements AutoCloseable {
    public static final String FRONT_MODEL = "face_detection_front_128x128_barracuda.onnx";
    public static final String BACK_MODEL = "face_detection_back_256x256_barracuda.onnx";
    public static final double DEFAULT_SCORE_THRESHOLD = 0.75;
    /** MediaPipe's min_suppression_threshold for the face detector graphs. */
    static final double SUPPRESSION_IOU = 0.3;
    /**
     * Largest face, as a fraction of the letterboxed square, taken from the back model. The front model reliably
     * finds faces from about 0.15 of the square upwards, so where it found nothing a larger "face" from the back
     * model is a false positive (a cat's face scores 0.76 there); the back model is only for the small ones.
     */
    static final double BACK_MODEL_MAX_FACE = 0.25;

    private static final String SCORES_16 = "Identity:0";
    private static final String SCORES_8 = "Identity_1:0";
    private static final String REGRESSORS_16 = "Identity_2:0";
    private static final String REGRESSORS_8 = "Identity_3:0";
    /** Anchor heads: a 16x16 grid with 2 anchors per cell, then an 8x8 grid with 6 (896 anchors in all). */
    private static final int CELLS_16 = 16;
    private static final int ANCHORS_16 = 2;
    private static final int CELLS_8 = 8;
    private static final int ANCHORS_8 = 6;
    private static final int REGRESSOR_WIDTH = 16;

    /**
     * One model and its spare input buffers: direct buffers go to ONNX Runtime without a copy but are costly to
     * allocate and only freed by the garbage collector, so they are reused; one per concurrent caller.
     */
    private static final class Model {
        final OrtSession session;
        final String input;
        final int size;
        private final Queue<FloatBuffer> spareInputs = new ConcurrentLinkedQueue<>();

        Model(OrtSession session, String input, int size) {
            this.session = session;
            this.input = input;
            this.size = size;
        }

        FloatBuffer takeInput() {
            FloatBuffer buffer = spareInputs.poll();
            return buffer != null ? buffer : ByteBuffer.allocateDirect(size * size * 3 * Float.BYTES)
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
        }

        void giveBack(FloatBuffer buffer) {
            spareInputs.offer(buffer);
        }
    }

    /** A decoded detection in the normalised letterboxed square: x0, y0, x1, y1, then 6 (x, y) keypoints. */
    private record Candidate(double[] coords, double score) {
    }

    private final OrtEnvironment environment;
    private final Model front;
    private final Model back;
    private volatile double scoreThreshold;

    private BlazeFaceDetector(OrtEnvironment environment, Model front, Model back, double scoreThreshold) {
        this.environment = environment;
        this.front = front;
        this.back = back;
        setScoreThreshold(scoreThreshold);
    }

    /** Loads both models from {@code modelDir} with the default score threshold 0.75. */
    public static BlazeFaceDetector load(Path modelDir) throws IOException {
        return load(modelDir, DEFAULT_SCORE_THRESHOLD);
    }

    public static BlazeFaceDetector load(Path modelDir, double scoreThreshold) throws IOException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
                "opentalks-vision");
        OrtSession frontSession = null;
        OrtSession backSession = null;
        try {
            environment.setTelemetry(false);
            frontSession = openSession(environment, modelDir.resolve(FRONT_MODEL));
            backSession = openSession(environment, modelDir.resolve(BACK_MODEL));
            Model front = new Model(frontSession, checkSignature(frontSession, 128, FRONT_MODEL), 128);
            Model back = new Model(backSession, checkSignature(backSession, 256, BACK_MODEL), 256);
            return new BlazeFaceDetector(environment, front, back, scoreThreshold);
        } catch (OrtException e) {
            IOException failure = new IOException("cannot load the BlazeFace models from " + modelDir + ": "
                    + e.getMessage(), e);
            closeAfterFailure(frontSession, failure);
            closeAfterFailure(backSession, failure);
            throw failure;
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(frontSession, e);
            closeAfterFailure(backSession, e);
            throw e;
        }
    }

    private static OrtSession openSession(OrtEnvironment environment, Path model) throws IOException, OrtException {
        if (!Files.isRegularFile(model)) {
            throw new IOException("BlazeFace model not found: " + model);
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // One thread per inference: the model is tiny and services run several requests side by side.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            return environment.createSession(model.toString(), options);
        }
    }

    /** Verifies the NHWC input and the four outputs named in keijiro's export; returns the input name. */
    private static String checkSignature(OrtSession session, int size, String name) throws OrtException, IOException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new IOException(name + ": expected one input, found " + inputs.keySet());
        }
        Map.Entry<String, NodeInfo> input = inputs.entrySet().iterator().next();
        long[] shape = ((TensorInfo) input.getValue().getInfo()).getShape();
        if (!Arrays.equals(shape, new long[] {1, size, size, 3})) {
            throw new IOException(name + ": input shape " + Arrays.toString(shape) + ", expected [1, " + size + ", "
                    + size + ", 3]");
        }
        if (!session.getOutputNames().containsAll(List.of(SCORES_16, SCORES_8, REGRESSORS_16, REGRESSORS_8))) {
            throw new IOException(name + ": unexpected outputs " + session.getOutputNames());
        }
        return input.getKey();
    }

    private static void closeAfterFailure(OrtSession session, Exception cause) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                cause.addSuppressed(e);
            }
        }
    }

    public double scoreThreshold() {
        return scoreThreshold;
    }

    /** Minimum confidence in (0, 1) for a detection to be reported. */
    public void setScoreThreshold(double scoreThreshold) {
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("score threshold must lie in (0, 1), got " + scoreThreshold);
        }
        this.scoreThreshold = scoreThreshold;
    }

    /** Faces in {@code image}, most confident first; empty when there is none. */
    public List<FaceDetection> detect(BufferedImage image) {
        return detect(PackedRgb.read(image), image.getWidth(), image.getHeight());
    }

    List<FaceDetection> detect(int[] rgb, int width, int height) {
        double threshold = scoreThreshold;
        List<FaceDetection> faces = detect(front, rgb, width, height, threshold, 1);
        return faces.isEmpty() ? detect(back, rgb, width, height, threshold, BACK_MODEL_MAX_FACE) : faces;
    }

    private List<FaceDetection> detect(Model model, int[] rgb, int width, int height, double threshold,
                                       double maxFace) {
        int side = Math.max(width, height);
        int padX = (side - width) / 2;
        int padY = (side - height) / 2;
        FloatBuffer input = model.takeInput();
        letterbox(rgb, width, height, side, padX, padY, model.size, input);
        List<Candidate> candidates = new ArrayList<>();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input,
                new long[] {1, model.size, model.size, 3});
             OrtSession.Result result = model.session.run(Map.of(model.input, tensor))) {
            decode(floats(result, SCORES_16), floats(result, REGRESSORS_16), CELLS_16, ANCHORS_16, model.size,
                    threshold, candidates);
            decode(floats(result, SCORES_8), floats(result, REGRESSORS_8), CELLS_8, ANCHORS_8, model.size,
                    threshold, candidates);
        } catch (OrtException e) {
            throw new IllegalStateException("BlazeFace inference failed: " + e.getMessage(), e);
        } finally {
            model.giveBack(input);
        }
        List<FaceDetection> faces = new ArrayList<>();
        for (Candidate c : weightedSuppression(candidates)) {
            if (c.coords[2] - c.coords[0] <= maxFace) {
                faces.add(toImage(c, side, padX, padY));
            }
        }
        return faces;
    }

    /**
     * Places the image centred on a black square of side {@code side} and scales that to {@code size} x {@code size},
     * mapping every channel to [-1, 1] as the model expects (NHWC, RGB, rows top to bottom). Shrinking averages each
     * output pixel's source footprint (a box filter, which does not alias) in one pass over the rows; enlarging a
     * small image takes the nearest pixel.
     */
    private static void letterbox(int[] rgb, int width, int height, int side, int padX, int padY, int size,
                                  FloatBuffer out) {
        out.clear();
        if (side < size) {
            for (int v = 0; v < size; v++) {
                int y = v * side / size - padY;
                for (int u = 0; u < size; u++) {
                    int x = u * side / size - padX;
                    putPixel(out, x >= 0 && x < width && y >= 0 && y < height ? rgb[y * width + x] : 0);
                }
            }
        } else {
            // Output column u covers square columns [firstColumn[u], firstColumn[u + 1]), i.e. those with
            // column * size / side == u.
            int[] firstColumn = new int[size + 1];
            for (int u = 0; u <= size; u++) {
                firstColumn[u] = (int) (((long) u * side + size - 1) / size);
            }
            int[] sums = new int[3 * size];
            int cellRow = 0;
            int rowsInCell = 0;
            for (int row = 0; row < side; row++) {
                int v = (int) ((long) row * size / side);
                if (v != cellRow) {
                    emitRow(sums, firstColumn, rowsInCell, out);
                    cellRow = v;
                    rowsInCell = 0;
                }
                rowsInCell++;
                int y = row - padY;
                if (y < 0 || y >= height) {
                    continue;
                }
                int rowStart = y * width - padX;
                for (int u = 0; u < size; u++) {
                    int from = Math.max(firstColumn[u], padX);
                    int to = Math.min(firstColumn[u + 1], padX + width);
                    int r = 0;
                    int g = 0;
                    int b = 0;
                    for (int i = rowStart + from; i < rowStart + to; i++) {
                        int p = rgb[i];
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                    sums[3 * u] += r;
                    sums[3 * u + 1] += g;
                    sums[3 * u + 2] += b;
                }
            }
            emitRow(sums, firstColumn, rowsInCell, out);
        }
        out.flip();
    }

    private static void putPixel(FloatBuffer out, int p) {
        out.put(((p >> 16) & 0xFF) / 127.5f - 1f).put(((p >> 8) & 0xFF) / 127.5f - 1f).put((p & 0xFF) / 127.5f - 1f);
    }

    /** Writes one output row from per-cell channel sums (padding pixels count as black) and clears the sums. */
    private static void emitRow(int[] sums, int[] firstColumn, int rowsInCell, FloatBuffer out) {
        for (int u = 0; u < firstColumn.length - 1; u++) {
            float scale = 2f / (255f * rowsInCell * (firstColumn[u + 1] - firstColumn[u]));
            out.put(sums[3 * u] * scale - 1f).put(sums[3 * u + 1] * scale - 1f).put(sums[3 * u + 2] * scale - 1f);
        }
        Arrays.fill(sums, 0);
    }

    private static float[] floats(OrtSession.Result result, String name) throws OrtException {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("missing output " + name));
        FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /**
     * MediaPipe SSD anchors with fixed size 1: anchor centre ((col + 0.5) / cells, (row + 0.5) / cells), index
     * (row * cells + col) * anchorsPerCell + a. Regressors are in input pixels: box centre and keypoints are offsets
     * from the anchor, box size is absolute.
     */
    private static void decode(float[] logits, float[] regressors, int cells, int anchorsPerCell, int size,
                               double threshold, List<Candidate> out) {
        for (int i = 0; i < logits.length; i++) {
            double score = 1 / (1 + Math.exp(-logits[i]));
            if (score < threshold) {
                continue;
            }
            int cell = i / anchorsPerCell;
            double anchorX = (cell % cells + 0.5) / cells;
            double anchorY = (cell / cells + 0.5) / cells;
            int r = i * REGRESSOR_WIDTH;
            double cx = anchorX + regressors[r] / size;
            double cy = anchorY + regressors[r + 1] / size;
            double w = regressors[r + 2] / size;
            double h = regressors[r + 3] / size;
            double[] coords = new double[4 + 2 * FaceDetection.KEYPOINT_COUNT];
            coords[0] = cx - w / 2;
            coords[1] = cy - h / 2;
            coords[2] = cx + w / 2;
            coords[3] = cy + h / 2;
            for (int k = 0; k < FaceDetection.KEYPOINT_COUNT; k++) {
                coords[4 + 2 * k] = anchorX + regressors[r + 4 + 2 * k] / size;
                coords[5 + 2 * k] = anchorY + regressors[r + 5 + 2 * k] / size;
            }
            out.add(new Candidate(coords, score));
        }
    }

    /**
     * MediaPipe's WEIGHTED non-maximum suppression: the best remaining candidate absorbs all others overlapping it
     * with IoU >= 0.3; the group's box and keypoints are the score-weighted mean, its score the best one.
     */
    private static List<Candidate> weightedSuppression(List<Candidate> candidates) {
        List<Candidate> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Candidate> merged = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Candidate best = remaining.get(0);
            double[] sum = new double[best.coords.length];
            double weight = 0;
            List<Candidate> rest = new ArrayList<>();
            for (Candidate c : remaining) {
                if (c == best || iou(best.coords, c.coords) >= SUPPRESSION_IOU) {
                    for (int j = 0; j < sum.length; j++) {
                        sum[j] += c.coords[j] * c.score;
                    }
                    weight += c.score;
                } else {
                    rest.add(c);
                }
            }
            for (int j = 0; j < sum.length; j++) {
                sum[j] /= weight;
            }
            merged.add(new Candidate(sum, best.score));
            remaining = rest;
        }
        return merged;
    }

    private static double iou(double[] a, double[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - intersection;
        return union > 0 ? intersection / union : 0;
    }

    /** From the normalised letterboxed square back to image pixels: x * side - padX. */
    private static FaceDetection toImage(Candidate c, int side, int padX, int padY) {
        double[] k = c.coords;
        Box box = new Box(k[0] * side - padX, k[1] * side - padY, (k[2] - k[0]) * side, (k[3] - k[1]) * side);
        List<Point> keypoints = new ArrayList<>(FaceDetection.KEYPOINT_COUNT);
        for (int i = 0; i < FaceDetection.KEYPOINT_COUNT; i++) {
            keypoints.add(new Point(k[4 + 2 * i] * side - padX, k[5 + 2 * i] * side - padY));
        }
        return new FaceDetection(box, keypoints, c.score);
    }

    /** Releases both sessions; the shared ONNX Runtime environment stays for other users in the process. */
    @Override
    public void close() {
        try {
            front.session.close();
            back.session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot release the BlazeFace sessions: " + e.getMessage(), e);
        }
    }
}
