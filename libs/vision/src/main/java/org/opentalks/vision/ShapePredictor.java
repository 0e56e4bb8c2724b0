package org.opentalks.vision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentalks.contract.document.Box;
import org.opentalks.contract.document.Point;

/**
 * dlib's {@code shape_predictor}: the ensemble of regression trees of Kazemi and Sullivan, "One Millisecond Face
 * Alignment with an Ensemble of Regression Trees" (CVPR 2014), read from dlib's own serialised file (for example
 * {@code shape_predictor_68_face_landmarks.dat}) and evaluated exactly as {@code dlib/image_processing/
 * shape_predictor.h} does, so that the points agree with dlib's to the pixel. Immutable and thread-safe.
 */
public final class ShapePredictor {
    private static final int SERIALIZATION_VERSION = 1;

    /**
     * The trees of one cascade level, flattened: split s of tree t at index t * splitsPerTree + s, leaf l's shape
     * delta at (t * (splitsPerTree + 1) + l) * dims. All trees have the same size (true of dlib's trained models).
     */
    private record Forest(int trees, int splitsPerTree, int[] splitIdx1, int[] splitIdx2, float[] thresholds,
                          float[] leafValues) {
    }

    /** One cascade level: its forest and its feature pixels (anchor landmark plus offset, x,y interleaved). */
    private record Cascade(Forest forest, int[] anchorIdx, float[] deltas) {
    }

    private final float[] initialShape;
    private final Cascade[] cascades;
    /** The initial shape centred on its centroid, and its squared norm: the fixed half of every similarity fit. */
    private final double[] centredInitialShape;
    private final double initialShapeNorm;
    private final int maxFeaturePixels;
    private final int maxTrees;

    private ShapePredictor(float[] initialShape, Cascade[] cascades) {
        this.initialShape = initialShape;
        this.cascades = cascades;
        int parts = initialShape.length / 2;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < parts; i++) {
            meanX += initialShape[2 * i];
            meanY += initialShape[2 * i + 1];
        }
        meanX /= parts;
        meanY /= parts;
        centredInitialShape = new double[initialShape.length];
        double norm = 0;
        for (int i = 0; i < parts; i++) {
            double x = initialShape[2 * i] - meanX;
            double y = initialShape[2 * i + 1] - meanY;
            centredInitialShape[2 * i] = x;
            centredInitialShape[2 * i + 1] = y;
            norm += x * x + y * y;
        }
        initialShapeNorm = norm;
        int features = 0;
        for (Cascade cascade : cascades) {
            features = Math.max(features, cascade.anchorIdx.length);
        }
        maxFeaturePixels = features;
        int trees = 0;
        for (Cascade cascade : cascades) {
            trees = Math.max(trees, cascade.forest.trees);
        }
        maxTrees = trees;
    }

    /**
     * Reads a dlib-serialised shape predictor. The whole file must be consumed: trailing bytes mean the file is not
     * what this reader thinks it is.
     */
    public static ShapePredictor load(Path datFile) throws IOException {
        long size = Files.size(datFile);
        try (InputStream stream = Files.newInputStream(datFile); DlibInput in = new DlibInput(stream)) {
            ShapePredictor predictor = read(in);
            if (!in.atEnd() || in.consumed() != size) {
                throw new IOException(datFile + ": shape predictor ends at byte " + in.consumed() + " of " + size);
            }
            return predictor;
        }
    }

    static ShapePredictor read(DlibInput in) throws IOException {
        int version = in.readInt();
        if (version != SERIALIZATION_VERSION) {
            throw new IOException("unsupported shape_predictor version " + version);
        }
        float[] initialShape = in.readColumnVector();
        int dims = initialShape.length;
        if (dims == 0 || dims % 2 != 0) {
            throw new IOException("initial shape has " + dims + " values; expected x,y pairs");
        }
        int cascadeCount = in.readCount();
        List<Forest> forests = new ArrayList<>(cascadeCount);
        for (int c = 0; c < cascadeCount; c++) {
            forests.add(readForest(in, dims));
        }
        int[][] anchors = new int[in.readCount()][];
        requireSameCount("anchor_idx", anchors.length, cascadeCount);
        for (int c = 0; c < anchors.length; c++) {
            anchors[c] = new int[in.readCount()];
            for (int i = 0; i < anchors[c].length; i++) {
                anchors[c][i] = in.readCount();
                if (anchors[c][i] >= dims / 2) {
                    throw new IOException("anchor index " + anchors[c][i] + " beyond " + dims / 2 + " parts");
                }
            }
        }
        float[][] deltas = new float[in.readCount()][];
        requireSameCount("deltas", deltas.length, cascadeCount);
        for (int c = 0; c < deltas.length; c++) {
            int count = in.readCount();
            requireSameCount("deltas of cascade " + c, count, anchors[c].length);
            deltas[c] = new float[2 * count];
            in.readFloats(deltas[c], 0, deltas[c].length);
        }
        Cascade[] cascades = new Cascade[cascadeCount];
        for (int c = 0; c < cascadeCount; c++) {
            Forest f = forests.get(c);
            for (int i = 0; i < f.splitIdx1.length; i++) {
                if (f.splitIdx1[i] >= anchors[c].length || f.splitIdx2[i] >= anchors[c].length) {
                    throw new IOException("split feature index beyond the " + anchors[c].length + " feature pixels");
                }
            }
            cascades[c] = new Cascade(f, anchors[c], deltas[c]);
        }
        return new ShapePredictor(initialShape, cascades);
    }

    /** A {@code std::vector<regression_tree>}: each tree is its split nodes, then its leaves' shape deltas. */
    private static Forest readForest(DlibInput in, int dims) throws IOException {
        int trees = in.readCount();
        int splitsPerTree = 0;
        int[] idx1 = new int[0];
        int[] idx2 = new int[0];
        float[] thresholds = new float[0];
        float[] leafValues = new float[0];
        for (int t = 0; t < trees; t++) {
            int splits = in.readCount();
            if (t == 0) {
                splitsPerTree = splits;
                idx1 = new int[trees * splits];
                idx2 = new int[trees * splits];
                thresholds = new float[trees * splits];
                leafValues = new float[Math.multiplyExact(trees * (splits + 1), dims)];
            } else {
                requireSameCount("splits of tree " + t, splits, splitsPerTree);
            }
            for (int s = t * splits; s < (t + 1) * splits; s++) {
                idx1[s] = in.readCount();
                idx2[s] = in.readCount();
                thresholds[s] = in.readFloat();
            }
            int leaves = in.readCount();
            requireSameCount("leaves of tree " + t, leaves, splits + 1);
            for (int l = 0; l < leaves; l++) {
                long rows = in.readLong();
                long cols = in.readLong();
                if (rows != -dims || cols != -1) {
                    throw new IOException("leaf value is " + (-rows) + "x" + (-cols) + ", expected " + dims + "x1");
                }
                in.readFloats(leafValues, (t * leaves + l) * dims, dims);
            }
        }
        return new Forest(trees, splitsPerTree, idx1, idx2, thresholds, leafValues);
    }

    private static void requireSameCount(String what, long actual, long expected) throws IOException {
        if (actual != expected) {
            throw new IOException(what + ": " + actual + " entries, expected " + expected);
        }
    }

    public int numParts() {
        return initialShape.length / 2;
    }

    public int numCascades() {
        return cascades.length;
    }

    /** Trees in each cascade level. */
    public int treesPerCascade() {
        return cascades.length == 0 ? 0 : cascades[0].forest.trees;
    }

    /**
     * Landmarks for the face in {@code rect}, in image pixels rounded to whole pixels as dlib does. The box is
     * converted to dlib's inclusive integer rectangle: left = round(x), right = left + round(width) - 1.
     */
    public List<Point> predict(Grayscale image, Box rect) {
        long left = Math.round(rect.x());
        long top = Math.round(rect.y());
        return predict(image, left, top, left + Math.round(rect.width()) - 1, top + Math.round(rect.height()) - 1);
    }

    /** As {@link #predict(Grayscale, Box)} for dlib's {@code rectangle(left, top, right, bottom)} (inclusive). */
    public List<Point> predict(Grayscale image, long left, long top, long right, long bottom) {
        float[] shape = initialShape.clone();
        float[] features = new float[maxFeaturePixels];
        int[] leaves = new int[maxTrees];
        double scaleX = right - left;
        double scaleY = bottom - top;
        int width = image.width();
        int height = image.height();
        for (Cascade cascade : cascades) {
            // Similarity (scale + rotation) from the mean shape to the current estimate, so that feature pixels
            // follow the face; dlib: find_tform_between_shapes, then matrix_cast<float>.
            float[] m = similarity(shape);
            float a = m[0];
            float b = m[1];
            int[] anchorIdx = cascade.anchorIdx;
            float[] deltas = cascade.deltas;
            for (int i = 0; i < anchorIdx.length; i++) {
                float dx = deltas[2 * i];
                float dy = deltas[2 * i + 1];
                int anchor = anchorIdx[i];
                float px = a * dx + (-b) * dy + shape[2 * anchor];
                float py = b * dx + a * dy + shape[2 * anchor + 1];
                long x = (long) Math.floor(left + px * scaleX + 0.5);
                long y = (long) Math.floor(top + py * scaleY + 0.5);
                features[i] = x >= 0 && y >= 0 && x < width && y < height ? image.intensity((int) x, (int) y) : 0;
            }
            walkTrees(cascade.forest, features, shape, leaves);
        }
        int parts = numParts();
        List<Point> points = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            points.add(new Point(Math.floor(left + shape[2 * i] * scaleX + 0.5),
                    Math.floor(top + shape[2 * i + 1] * scaleY + 0.5)));
        }
        return points;
    }

    /**
     * Least-squares similarity from the initial shape to {@code shape}: [a -b; b a]. In 2-D Umeyama's SVD solution
     * (dlib's find_similarity_transform) reduces to a = sum(f.t)/|f|^2, b = sum(f x t)/|f|^2 on centred points.
     */
    private float[] similarity(float[] shape) {
        int parts = shape.length / 2;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < parts; i++) {
            meanX += shape[2 * i];
            meanY += shape[2 * i + 1];
        }
        meanX /= parts;
        meanY /= parts;
        double dot = 0;
        double cross = 0;
        for (int i = 0; i < parts; i++) {
            double fx = centredInitialShape[2 * i];
            double fy = centredInitialShape[2 * i + 1];
            double tx = shape[2 * i] - meanX;
            double ty = shape[2 * i + 1] - meanY;
            dot += fx * tx + fy * ty;
            cross += fx * ty - fy * tx;
        }
        return new float[] {(float) (dot / initialShapeNorm), (float) (cross / initialShapeNorm)};
    }

    /**
     * Finds every tree's leaf first, then adds the leaves: the leaf vectors lie scattered over 65 MB, and summing
     * them in a separate loop lets the processor fetch several at once instead of one per tree walk.
     */
    private static void walkTrees(Forest forest, float[] features, float[] shape, int[] leaves) {
        int splits = forest.splitsPerTree;
        int[] idx1 = forest.splitIdx1;
        int[] idx2 = forest.splitIdx2;
        float[] thresholds = forest.thresholds;
        for (int t = 0; t < forest.trees; t++) {
            int base = t * splits;
            int node = 0;
            while (node < splits) {
                int s = base + node;
                node = features[idx1[s]] - features[idx2[s]] > thresholds[s] ? 2 * node + 1 : 2 * node + 2;
            }
            leaves[t] = t * (splits + 1) + node - splits;
        }
        int dims = shape.length;
        float[] leafValues = forest.leafValues;
        for (int t = 0; t < forest.trees; t++) {
            int offset = leaves[t] * dims;
            for (int d = 0; d < dims; d++) {
                shape[d] += leafValues[offset + d];
            }
        }
    }
}
