package org.opentalks.tts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code opentalks.tts.*}: the speech engines beyond the installed offline ones. Cloud providers speak
 * when a key is configured here (the operator's) or sent by the client in {@code x-api-key-external};
 * Piper voices when a directory of them is mounted.
 */
@ConfigMapping(prefix = "opentalks.tts")
public interface TtsConfig {
    /** A directory of Piper voices ({@code <name>.onnx} with {@code <name>.onnx.json}); none by default. */
    Optional<Path> piperDir();

    /** Where the speech recogniser's model is unpacked at first use (about 70 MB). */
    @WithDefault("${java.io.tmpdir}/opentalks-models")
    Path modelCache();

    /** Azure Speech ({@code microsoft}, {@code azure-openai}). */
    Microsoft microsoft();

    /** ElevenLabs. */
    ElevenLabs elevenlabs();

    /** Amazon Polly ({@code amazon}). */
    Amazon amazon();

    /** Google Cloud Text-to-Speech. */
    Google google();

    /** How long to wait for a provider's connection. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** {@code opentalks.tts.microsoft.*}. */
    interface Microsoft {
        Optional<String> key();

        /** The Speech resource's region. */
        @WithDefault("eastus")
        String region();

        /** Another base URL (a proxy, or a test's stand-in); the region's own by default. */
        Optional<URI> endpoint();

        @WithDefault("30s")
        Duration timeout();
    }

    /** {@code opentalks.tts.elevenlabs.*}. */
    interface ElevenLabs {
        Optional<String> key();

        Optional<URI> endpoint();

        @WithDefault("60s")
        Duration timeout();
    }

    /** {@code opentalks.tts.amazon.*}: an IAM user's key allowed polly:SynthesizeSpeech. */
    interface Amazon {
        Optional<String> accessKeyId();

        Optional<String> secretAccessKey();

        @WithDefault("us-east-1")
        String region();

        Optional<URI> endpoint();

        /** Polly's engine: neural, standard, long-form or generative. */
        @WithDefault("neural")
        String engine();

        @WithDefault("30s")
        Duration timeout();
    }

    /** {@code opentalks.tts.google.*}: an API key, or an OAuth access token. */
    interface Google {
        Optional<String> apiKey();

        Optional<String> accessToken();

        Optional<URI> endpoint();

        @WithDefault("30s")
        Duration timeout();
    }
}
