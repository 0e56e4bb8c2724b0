package org.opentalks.contract;

/** Kafka topic names. Every event's record key is the talk id, so one talk's events share a partition. */
public final class Topics {
    public static final String REQUESTED = "talks.requested";
    public static final String SPEECH_READY = "talks.speech-ready";
    public static final String DRIVER_MATCHED = "talks.driver-matched";
    public static final String RENDERED = "talks.rendered";
    public static final String COMPLETED = "talks.completed";
    public static final String FAILED = "talks.failed";
    public static final String PROGRESS = "talks.progress";
    /** Messages that kept failing in a stage; the notifier still ends their talk in {@code error}. */
    public static final String DEAD_LETTER = "talks.dead-letter";
    /** Every write of a talk record (a changelog keyed by talk id), read by the gateways. */
    public static final String STATUS = "talks.status";

    public static final java.util.List<String> ALL = java.util.List.of(
            REQUESTED, SPEECH_READY, DRIVER_MATCHED, RENDERED, COMPLETED, FAILED, PROGRESS, DEAD_LETTER, STATUS);

    private Topics() {
    }
}
