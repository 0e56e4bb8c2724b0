package org.opentalks.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/** {@code opentalks.api.*}: who may call the API, how much, and the limits of what they send. */
@ConfigMapping(prefix = "opentalks.api")
public interface ApiConfig {
    /** The accounts: {@code opentalks.api.owners.<owner>.*}. A key sees only its owner's talks, images and audios. */
    Map<String, Owner> owners();

    /** One account. */
    interface Owner {
        /**
         * The owner's API keys, stored hashed: {@code sha256:<hex>} of the whole key as clients send it
         * ({@code owner:secret}). {@code ./opentalks key} prints a key and its hash.
         */
        List<String> keys();

        /** Talks this owner may create (one credit each, refunded when a talk ends in error); unlimited if absent. */
        OptionalLong credits();

        /** Requests per second this owner may make (bursts up to the same number); unlimited if absent. */
        OptionalDouble rateLimit();

        /** Features this owner may use, of {@code stitch, subtitles, logo, persist}; all of them if absent. */
        Optional<Set<String>> features();
    }

    @WithDefault("10485760")
    long maxImageBytes();

    /** D-ID's limit for POST /audios. */
    @WithDefault("6291456")
    long maxAudioBytes();

    /** The longest audio accepted by POST /audios, as D-ID's limit for talks. */
    @WithDefault("10m")
    Duration maxAudioDuration();

    /** Largest JSON body; a larger one is answered 413. */
    @WithDefault("1048576")
    long maxJsonBytes();

    /** How long an {@code Idempotency-Key} of POST /talks keeps returning its first talk. */
    @WithDefault("24h")
    Duration idempotencyWindow();

    /** Talk records held in memory for GET /talks/{id}. */
    @WithDefault("100000")
    int recordCacheSize();

    /** How long the voice catalogue the tts-service published is used before it is read again. */
    @WithDefault("30s")
    Duration voiceCatalogueRefresh();

    /** How long a cached record of an unfinished talk is served before it is read again. */
    @WithDefault("1s")
    Duration recordRefresh();
}
