package org.opentalks.launcher;

import java.util.List;

/** One of the six services as the launcher runs it: its module folder, default port and heap. */
public enum ServiceSpec {
    API_GATEWAY("api-gateway", 8080, "256m"),
    TTS_SERVICE("tts-service", 8081, "160m"),
    DRIVER_MATCHER("driver-matcher", 8082, "448m"),
    RENDER_WORKER("render-worker", 8083, "256m"),
    MUXER("muxer", 8084, "256m"),
    WEBHOOK_NOTIFIER("webhook-notifier", 8085, "160m");

    public static final List<ServiceSpec> ALL = List.of(values());

    private final String module;
    private final int defaultPort;
    private final String heap;

    ServiceSpec(String module, int defaultPort, String heap) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.heap = heap;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String heap() {
        return heap;
    }
}
