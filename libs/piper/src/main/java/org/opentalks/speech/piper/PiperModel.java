package org.opentalks.speech.piper;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Piper voice model in ONNX Runtime, with the signature Piper's {@code export_onnx.py} gives it:
 *
 * <pre>
 * input          int64   [1, N]   phoneme ids
 * input_lengths  int64   [1]      N
 * scales         float32 [3]      noise_scale, length_scale, noise_w
 * sid            int64   [1]      speaker id (multi-speaker models only)
 * output         float32 [1, 1, T] or [1, 1, 1, T]   audio in [-1, 1] at audio.sample_rate
 * </pre>
 *
 * A model patched for alignments (piper1's {@code patch_voice_with_alignment}, or an export that keeps
 * {@code durations}/{@code w_ceil}) has a second output: VITS's rounded-up duration of every id in decoder frames
 * of {@code hop_length} samples. Its units are told apart by the sum, which must account for the audio's length.
 * Thread-safe: ONNX Runtime sessions run concurrently.
 */
final class PiperModel implements AutoCloseable {
    static final String INPUT = "input";
    static final String INPUT_LENGTHS = "input_lengths";
    static final String SCALES = "scales";
    static final String SID = "sid";
    static final String OUTPUT = "output";

    private static final System.Logger LOG = System.getLogger(PiperModel.class.getName());
    /** Names the duration output goes by, best first; otherwise any second numeric output. */
    private static final List<String> DURATION_NAMES = List.of("durations", "w_ceil", "phoneme_durations");

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String name;
    private final boolean takesSid;
    private final String durationOutput;
    private final int hopLength;
    private volatile boolean warnedAboutDurations;

    private PiperModel(OrtEnvironment environment, OrtSession session, String name, boolean takesSid,
                       String durationOutput, int hopLength) {
        this.environment = environment;
        this.session = session;
        this.name = name;
        this.takesSid = takesSid;
        this.durationOutput = durationOutput;
        this.hopLength = hopLength;
    }

    /** The process-wide ONNX Runtime environment, telemetry off (it would write under $XDG_CACHE_HOME). */
    static OrtEnvironment environment() {
        OrtEnvironment environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
                "opentalks");
        try {
            environment.setTelemetry(false);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot turn ONNX Runtime's telemetry off: " + e.getMessage(), e);
        }
        return environment;
    }

    /**
     * Loads {@code model} and checks its signature against Piper's and against {@code config}.
     *
     * @param threads ONNX Runtime intra-op threads; 0 for its default (one per core)
     * @throws PiperVoiceException when the file is not an ONNX model or not a Piper voice's
     */
    static PiperModel open(OrtEnvironment environment, Path model, PiperVoiceConfig config, int threads) {
        String name = model.getFileName().toString();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            options.setInterOpNumThreads(1);
            // Every call has another input length: memory patterns and a growing arena only hold memory (Piper's
            // C++ turns both off too).
            options.setMemoryPatternOptimization(false);
            options.setCPUArenaAllocator(false);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            session = environment.createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new PiperVoiceException(name + " cannot be loaded by ONNX Runtime (" + e.getMessage()
                    + "): download the voice's .onnx again", e);
        }
        try {
            Signature signature = check(session, name, config);
            return new PiperModel(environment, session, name, signature.takesSid(), signature.durations(),
                    config.hopLength());
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private record Signature(boolean takesSid, String durations) {
    }

    private static Signature check(OrtSession session, String name, PiperVoiceConfig config) {
        Map<String, NodeInfo> inputs;
        Map<String, NodeInfo> outputs;
        try {
            inputs = session.getInputInfo();
            outputs = session.getOutputInfo();
        } catch (OrtException e) {
            throw new PiperVoiceException(name + ": ONNX Runtime cannot describe the model: " + e.getMessage(), e);
        }
        String expected = " (a Piper voice takes input int64 [1, N], input_lengths int64 [1], scales float32 [3] "
                + "and, with several speakers, sid int64 [1], and gives output float32 [1, 1, T])";
        requireTensor(inputs, INPUT, OnnxJavaType.INT64, 2, name, expected);
        requireTensor(inputs, INPUT_LENGTHS, OnnxJavaType.INT64, 1, name, expected);
        TensorInfo scales = requireTensor(inputs, SCALES, OnnxJavaType.FLOAT, 1, name, expected);
        if (scales.getShape()[0] > 0 && scales.getShape()[0] != 3) {
            throw new PiperVoiceException(name + ": input scales has " + scales.getShape()[0] + " values, not 3"
                    + expected);
        }
        boolean takesSid = inputs.containsKey(SID);
        if (takesSid) {
            requireTensor(inputs, SID, OnnxJavaType.INT64, 1, name, expected);
        }
        Set<String> unknown = new HashSet<>(inputs.keySet());
        unknown.removeAll(Set.of(INPUT, INPUT_LENGTHS, SCALES, SID));
        if (!unknown.isEmpty()) {
            throw new PiperVoiceException(name + " takes inputs Piper does not give: " + unknown + expected);
        }
        if (config.multiSpeaker() && !takesSid) {
            throw new PiperVoiceException(name + " has no sid input but its .onnx.json lists " + config.numSpeakers()
                    + " speakers: the model and config are from different voices; download both again");
        }
        TensorInfo output = requireTensor(outputs, OUTPUT, OnnxJavaType.FLOAT, -1, name, expected);
        if (output.getShape().length < 1 || output.getShape().length > 4) {
            throw new PiperVoiceException(name + ": output has rank " + output.getShape().length
                    + ", not audio" + expected);
        }
        return new Signature(takesSid, durationOutput(outputs));
    }

    private static String durationOutput(Map<String, NodeInfo> outputs) {
        for (String candidate : DURATION_NAMES) {
            if (numeric(outputs.get(candidate))) {
                return candidate;
            }
        }
        return outputs.entrySet().stream()
                .filter(e -> !e.getKey().equals(OUTPUT) && numeric(e.getValue()))
                .map(Map.Entry::getKey).sorted().findFirst().orElse(null);
    }

    private static boolean numeric(NodeInfo node) {
        return node != null && node.getInfo() instanceof TensorInfo t
                && (t.type == OnnxJavaType.FLOAT || t.type == OnnxJavaType.INT64 || t.type == OnnxJavaType.INT32);
    }

    private static TensorInfo requireTensor(Map<String, NodeInfo> nodes, String key, OnnxJavaType type, int rank,
                                            String name, String expected) {
        NodeInfo node = nodes.get(key);
        if (node == null) {
            throw new PiperVoiceException(name + " has no " + key + " (it has " + nodes.keySet() + ")" + expected);
        }
        ValueInfo info = node.getInfo();
        if (!(info instanceof TensorInfo t) || t.type != type || rank >= 0 && t.getShape().length != rank) {
            throw new PiperVoiceException(name + ": " + key + " is " + info + expected);
        }
        return t;
    }

    /** Whether the model takes a speaker id. */
    boolean takesSid() {
        return takesSid;
    }

    /** The output that tells every id's duration, if the model has one. */
    Optional<String> durationOutput() {
        return Optional.ofNullable(durationOutput);
    }

    /**
     * Audio of one sentence's ids, and the samples each id lasts where the model tells it.
     *
     * @param samplesPerId null when the model has no duration output or its values do not account for the audio
     */
    record Output(float[] audio, int[] samplesPerId) {
    }

    Output run(long[] ids, float noiseScale, float lengthScale, float noiseW, long sid) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT, OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), new long[] {1, ids.length}));
            inputs.put(INPUT_LENGTHS, OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[] {ids.length}),
                    new long[] {1}));
            inputs.put(SCALES, OnnxTensor.createTensor(environment,
                    FloatBuffer.wrap(new float[] {noiseScale, lengthScale, noiseW}), new long[] {3}));
            if (takesSid) {
                inputs.put(SID, OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[] {sid}),
                        new long[] {1}));
            }
            Set<String> wanted = durationOutput == null ? Set.of(OUTPUT) : Set.of(OUTPUT, durationOutput);
            try (OrtSession.Result result = session.run(inputs, wanted)) {
                float[] audio = audio(result.get(OUTPUT).orElseThrow());
                int[] samples = durationOutput == null ? null
                        : samplesPerId(result.get(durationOutput).orElseThrow(), ids.length, audio.length);
                return new Output(audio, samples);
            }
        } catch (OrtException e) {
            throw new PiperVoiceException(name + " failed to synthesise " + ids.length + " phoneme ids: "
                    + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[] audio(OnnxValue value) {
        OnnxTensor tensor = (OnnxTensor) value;
        long[] shape = tensor.getInfo().getShape();
        for (int i = 0; i < shape.length - 1; i++) {
            if (shape[i] != 1) {
                throw new PiperVoiceException(name + " gave output of shape " + Arrays.toString(shape)
                        + ", not one channel of audio");
            }
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] audio = new float[buffer.remaining()];
        buffer.get(audio);
        return audio;
    }

    /**
     * Samples per id from the duration output: decoder frames times {@code hop_length} when that accounts for the
     * audio (VITS's w_ceil), samples when they do; within one hop either way, the rest given to the last id so that
     * the spans tile the audio exactly. Null when neither fits.
     */
    private int[] samplesPerId(OnnxValue value, int ids, int audioLength) {
        OnnxTensor tensor = (OnnxTensor) value;
        double[] d = new double[ids];
        int count;
        if (tensor.getInfo().type == OnnxJavaType.FLOAT) {
            FloatBuffer b = tensor.getFloatBuffer();
            count = b.remaining();
            for (int i = 0; i < Math.min(ids, count); i++) {
                d[i] = b.get(i);
            }
        } else if (tensor.getInfo().type == OnnxJavaType.INT64) {
            LongBuffer b = tensor.getLongBuffer();
            count = b.remaining();
            for (int i = 0; i < Math.min(ids, count); i++) {
                d[i] = b.get(i);
            }
        } else {
            java.nio.IntBuffer b = tensor.getIntBuffer();
            count = b.remaining();
            for (int i = 0; i < Math.min(ids, count); i++) {
                d[i] = b.get(i);
            }
        }
        double sum = Arrays.stream(d).sum();
        double scale;
        if (count != ids || Arrays.stream(d).anyMatch(x -> !(x >= 0))) {
            scale = 0;
        } else if (Math.abs(sum * hopLength - audioLength) <= hopLength) {
            scale = hopLength;
        } else if (Math.abs(sum - audioLength) <= hopLength) {
            scale = 1;
        } else {
            scale = 0;
        }
        if (scale == 0) {
            if (!warnedAboutDurations) {
                warnedAboutDurations = true;
                LOG.log(System.Logger.Level.WARNING, "{0}: output {1} ({2} values summing to {3}) does not account "
                        + "for {4} samples of audio; phone timings are estimated from the audio instead",
                        name, durationOutput, count, sum, audioLength);
            }
            return null;
        }
        int[] samples = new int[ids];
        long total = 0;
        for (int i = 0; i < ids; i++) {
            samples[i] = (int) Math.round(d[i] * scale);
            total += samples[i];
        }
        // Rounding and a partial last frame: settle the difference at the end, never below zero.
        long rest = audioLength - total;
        for (int i = ids - 1; i >= 0 && rest != 0; i--) {
            long adjusted = Math.max(0, samples[i] + rest);
            rest -= adjusted - samples[i];
            samples[i] = (int) adjusted;
        }
        return samples;
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.log(System.Logger.Level.WARNING, "closing an ONNX Runtime session failed: " + e.getMessage());
        }
    }
}
