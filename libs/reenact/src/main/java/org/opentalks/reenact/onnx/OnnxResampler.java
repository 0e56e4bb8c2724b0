package org.opentalks.reenact.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.opentalks.reenact.Resampler;

/**
 * {@link Resampler} on ONNX Runtime running {@link GridSampleGraph}, meant for GPU nodes (CUDA execution provider).
 * On the CPU it works too, but {@link org.opentalks.reenact.OpenCvResampler} is faster there.
 *
 * <p>One session per frame size is built on first use and kept, with direct buffers and tensors bound to them, so a
 * frame costs three copies in and one out. Asking for {@link Device#CUDA} where ONNX Runtime cannot provide it (the
 * CPU-only jar, no GPU, no CUDA libraries) falls back to the CPU: {@link #executionProvider()} says what runs and
 * {@link #cudaFallbackReason()} why. An instance is <b>not thread-safe</b>; {@link #close} it to free the sessions.
 */
public final class OnnxResampler implements Resampler, AutoCloseable {
    public static final String CPU_EXECUTION_PROVIDER = "CPUExecutionProvider";
    public static final String CUDA_EXECUTION_PROVIDER = "CUDAExecutionProvider";
    private static final System.Logger LOG = System.getLogger(OnnxResampler.class.getName());

    public enum Device { CPU, CUDA }

    private record Size(int width, int height) {
    }

    private final OrtEnvironment environment;
    private final Map<Size, SizedGraph> graphs = new HashMap<>();
    private OrtSession.SessionOptions options;
    private boolean cuda;
    private String cudaFallbackReason;

    public OnnxResampler(Device device) {
        // The process-wide environment: other components share it, so it is never closed here.
        environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "opentalks");
        try {
            // ONNX Runtime would otherwise write telemetry files under $XDG_CACHE_HOME.
            environment.setTelemetry(false);
            options = cpuOptions();
            if (device == Device.CUDA) {
                try {
                    options.addCUDA(0);
                    cuda = true;
                } catch (OrtException | RuntimeException e) {
                    fallBackToCpu("CUDA execution provider unavailable (ONNX Runtime providers "
                            + OrtEnvironment.getAvailableProviders() + "): " + e.getMessage());
                }
            }
        } catch (OrtException e) {
            closeOptions();
            throw new IllegalStateException("cannot set up ONNX Runtime: " + e.getMessage(), e);
        }
    }

    /** {@value #CUDA_EXECUTION_PROVIDER} or {@value #CPU_EXECUTION_PROVIDER}: what actually runs the graph. */
    public String executionProvider() {
        return cuda ? CUDA_EXECUTION_PROVIDER : CPU_EXECUTION_PROVIDER;
    }

    /** Why CUDA was asked for and the CPU runs instead; empty when that did not happen. */
    public Optional<String> cudaFallbackReason() {
        return Optional.ofNullable(cudaFallbackReason);
    }

    @Override
    public void remap(byte[] srcBgr, int width, int height, float[] mapX, float[] mapY, byte[] dstBgr) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        int pixels = width * height;
        if (srcBgr.length < 3 * pixels || dstBgr.length < 3 * pixels || mapX.length < pixels || mapY.length < pixels) {
            throw new IllegalArgumentException("buffers too small for " + width + "x" + height);
        }
        try {
            SizedGraph graph = graphs.get(new Size(width, height));
            if (graph == null) {
                graph = open(width, height);
                graphs.put(new Size(width, height), graph);
            }
            graph.run(srcBgr, mapX, mapY, dstBgr);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime remap of a " + width + "x" + height + " frame failed on "
                    + executionProvider() + ": " + e.getMessage(), e);
        }
    }

    private SizedGraph open(int width, int height) throws OrtException {
        byte[] model = GridSampleGraph.build(width, height);
        OrtSession session;
        try {
            session = environment.createSession(model, options);
        } catch (OrtException e) {
            if (!cuda) {
                throw e;
            }
            // With the GPU jar, addCUDA may succeed where no device or CUDA library is present: then the session fails.
            closeOptions();
            options = cpuOptions();
            fallBackToCpu("CUDA session creation failed: " + e.getMessage());
            session = environment.createSession(model, options);
        }
        try {
            return new SizedGraph(environment, session, width, height);
        } catch (OrtException | RuntimeException e) {
            closeAfterFailure(session, e);
            throw e;
        }
    }

    private static OrtSession.SessionOptions cpuOptions() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }

    private void fallBackToCpu(String reason) {
        cuda = false;
        cudaFallbackReason = reason;
        LOG.log(System.Logger.Level.WARNING, "CUDA requested, resampling on the CPU instead. " + reason);
    }

    private void closeOptions() {
        if (options != null) {
            options.close();
            options = null;
        }
    }

    private static void closeAfterFailure(OrtSession session, Exception cause) {
        try {
            session.close();
        } catch (OrtException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        IllegalStateException failure = null;
        for (SizedGraph graph : graphs.values()) {
            try {
                graph.close();
            } catch (OrtException e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot close an ONNX Runtime session: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        graphs.clear();
        closeOptions();
        if (failure != null) {
            throw failure;
        }
    }

    /** A session for one frame size, with its input and output tensors bound to direct buffers. */
    private static final class SizedGraph {
        private final OrtSession session;
        private final int pixels;
        private final ByteBuffer src;
        private final FloatBuffer mapX;
        private final FloatBuffer mapY;
        private final ByteBuffer dst;
        private final OnnxTensor srcTensor;
        private final OnnxTensor mapXTensor;
        private final OnnxTensor mapYTensor;
        private final OnnxTensor dstTensor;
        private final Map<String, OnnxTensor> inputs;
        private final Map<String, OnnxValue> pinnedOutputs;

        SizedGraph(OrtEnvironment environment, OrtSession session, int width, int height) throws OrtException {
            this.session = session;
            pixels = width * height;
            long[] imageShape = {1, height, width, 3};
            long[] mapShape = {1, height, width};
            src = ByteBuffer.allocateDirect(3 * pixels);
            dst = ByteBuffer.allocateDirect(3 * pixels);
            mapX = ByteBuffer.allocateDirect(4 * pixels).order(ByteOrder.nativeOrder()).asFloatBuffer();
            mapY = ByteBuffer.allocateDirect(4 * pixels).order(ByteOrder.nativeOrder()).asFloatBuffer();
            // Tensors over direct buffers share their memory, so they are made once and refilled every frame;
            // the output is pinned so that ONNX Runtime writes straight into dst.
            OnnxTensor[] made = new OnnxTensor[4];
            try {
                made[0] = OnnxTensor.createTensor(environment, src, imageShape, OnnxJavaType.UINT8);
                made[1] = OnnxTensor.createTensor(environment, mapX, mapShape);
                made[2] = OnnxTensor.createTensor(environment, mapY, mapShape);
                made[3] = OnnxTensor.createTensor(environment, dst, imageShape, OnnxJavaType.UINT8);
            } catch (OrtException | RuntimeException e) {
                for (OnnxTensor t : made) {
                    if (t != null) {
                        t.close();
                    }
                }
                throw e;
            }
            srcTensor = made[0];
            mapXTensor = made[1];
            mapYTensor = made[2];
            dstTensor = made[3];
            inputs = Map.of(GridSampleGraph.SRC, srcTensor, GridSampleGraph.MAP_X, mapXTensor,
                    GridSampleGraph.MAP_Y, mapYTensor);
            pinnedOutputs = Map.of(GridSampleGraph.DST, dstTensor);
        }

        void run(byte[] srcBgr, float[] mapXValues, float[] mapYValues, byte[] dstBgr) throws OrtException {
            src.put(0, srcBgr, 0, 3 * pixels);
            mapX.put(0, mapXValues, 0, pixels);
            mapY.put(0, mapYValues, 0, pixels);
            // The Result owns nothing here (the output is pinned); closing it releases only its bookkeeping.
            try (OrtSession.Result ignored = session.run(inputs, pinnedOutputs)) {
                dst.get(0, dstBgr, 0, 3 * pixels);
            }
        }

        void close() throws OrtException {
            srcTensor.close();
            mapXTensor.close();
            mapYTensor.close();
            dstTensor.close();
            session.close();
        }
    }
}
