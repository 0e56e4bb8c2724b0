package org.opentalks.transcribe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * The speech recognition models there are, by language. English (any {@code en} tag: {@code en-US},
 * {@code en-gb}, {@code en}) is recognised with the small US English Vosk model this library carries, unpacked
 * under the cache directory at first use; for any other language {@link #forLanguage} is empty, and the caller
 * keeps estimating mouth shapes from the audio alone. Models load on first use (about a second) and stay loaded
 * until {@link #close}. Thread-safe.
 */
public final class Transcribers implements AutoCloseable {
    /** The bundled model: vosk-model-small-en-us-0.15, as Maven Central's vosk-model-en 0.3.45 packages it. */
    public static final String BUNDLED_MODEL_NAME = "vosk-model-small-en-us-0.15";

    private static volatile boolean quiet;

    private final Path cacheDir;
    private final Map<String, Transcriber> loaded = new HashMap<>();
    private boolean closed;

    /** @param cacheDir where models are unpacked (about 68 MiB for English), e.g. {@code .opentalks/models/vosk} */
    public Transcribers(Path cacheDir) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
    }

    /** Whether there is a model for {@code language}, a BCP 47 tag or an espeak-ng language such as {@code en-us}. */
    public boolean hasModel(String language) {
        return "en".equals(primary(language));
    }

    /**
     * The transcriber for {@code language}, loading its model if this is the first call for it; empty when there
     * is no model for the language.
     *
     * @throws IllegalStateException if the model or Vosk's native library cannot be loaded
     */
    public synchronized Optional<Transcriber> forLanguage(String language) {
        if (closed) {
            throw new IllegalStateException("these transcribers are closed");
        }
        if (!hasModel(language)) {
            return Optional.empty();
        }
        Transcriber t = loaded.get("en-us");
        if (t == null) {
            t = load(ModelStore.bundledModel(cacheDir), "en-us", BUNDLED_MODEL_NAME);
            loaded.put("en-us", t);
        }
        return Optional.of(t);
    }

    /**
     * A transcriber on a Vosk model already unpacked in {@code modelDir} (one of the larger models, or another
     * language's), which the caller closes.
     */
    public static Transcriber fromModelDirectory(Path modelDir, String language) {
        if (!Files.isRegularFile(modelDir.resolve("am/final.mdl"))) {
            throw new IllegalArgumentException(modelDir + " is not a Vosk model directory (no am/final.mdl): "
                    + "unpack a model from the Vosk model list there");
        }
        return load(modelDir, language.toLowerCase(Locale.ROOT), modelDir.getFileName().toString());
    }

    private static Transcriber load(Path modelDir, String language, String name) {
        try {
            quietVosk();
            return new Transcriber(new Model(modelDir.toString()), language, name);
        } catch (IOException e) {
            throw new IllegalStateException("Vosk could not load the model in " + modelDir
                    + ": delete the directory so that it is unpacked again", e);
        }
    }

    /** Kaldi logs every model load at INFO on stderr; warnings and errors are enough. */
    private static void quietVosk() {
        if (quiet) {
            return;
        }
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new IllegalStateException("Vosk's native library does not load on " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + ": the vosk jar carries linux-x86-64, darwin and"
                    + " win32-x86-64 builds, and needs libstdc++", e);
        }
        quiet = true;
    }

    /** {@code en} of {@code en-US}, {@code en_GB}, {@code EN}; empty for null or blank. */
    static String primary(String language) {
        if (language == null) {
            return "";
        }
        String tag = language.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }

    @Override
    public synchronized void close() {
        closed = true;
        loaded.values().forEach(Transcriber::close);
        loaded.clear();
    }
}
