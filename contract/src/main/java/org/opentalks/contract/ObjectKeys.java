package org.opentalks.contract;

/**
 * Object-store layout (DESIGN.md), every prefix in one place: {@code uploads/} for client uploads,
 * {@code work/{talkId}/} for per-stage artifacts, {@code results/} for finished videos,
 * {@code records/} for talk records, {@code deleted/} for the final records of deleted talks,
 * {@code idempotency/} for POST /talks idempotency keys, {@code ledger/} for credit grants,
 * {@code catalogue/} for the voice catalogue, {@code webhooks/} for webhook delivery logs,
 * {@code webhook-queue/} for the deliveries still owed and {@code inflight/} for unfinished talks (both
 * by partition).
 */
public final class ObjectKeys {
    public static final String UPLOADS = "uploads/";
    public static final String WORK = "work/";
    public static final String RESULTS = "results/";
    public static final String RECORDS = "records/";
    public static final String DELETED = "deleted/";
    public static final String IDEMPOTENCY = "idempotency/";
    public static final String LEDGER = "ledger/";
    public static final String WEBHOOKS = "webhooks/";
    /** One small marker per webhook delivery still owed, per partition: what a notifier taking over picks up. */
    public static final String WEBHOOK_QUEUE = "webhook-queue/";
    /** One small marker per unfinished talk, per partition: the talks a notifier taking over must watch. */
    public static final String INFLIGHT = "inflight/";
    /** The voices the tts-service speaks with, published for the gateway. */
    public static final String VOICE_CATALOGUE = "catalogue/voices.json";

    public static final String SPEECH_WAV = "speech.wav";
    public static final String VISEMES_JSON = "visemes.json";
    public static final String SOURCE_IMAGE = "source.png";
    public static final String FACE_JSON = "face.json";
    public static final String DRIVER_JSON = "driver.json";
    public static final String FRAMES_MP4 = "frames.mp4";
    public static final String WORDS_JSON = "words.json";

    public static String upload(String owner, String id, String fileName) {
        return uploadPrefix(owner) + id + "/" + fileName;
    }

    /** Every upload of {@code owner}. */
    public static String uploadPrefix(String owner) {
        return UPLOADS + owner + "/";
    }

    public static String work(String talkId, String name) {
        return workPrefix(talkId) + name;
    }

    public static String workPrefix(String talkId) {
        return WORK + talkId + "/";
    }

    public static String result(String owner, String talkId, String extension) {
        return RESULTS + owner + "/" + talkId + "." + extension;
    }

    /** A finished talk's subtitles beside its video: {@code vtt} (WebVTT) or {@code srt}. */
    public static String subtitles(String owner, String talkId, String extension) {
        return result(owner, talkId, extension);
    }

    public static String record(String owner, String talkId) {
        return recordPrefix(owner) + talkId + ".json";
    }

    public static String recordPrefix(String owner) {
        return RECORDS + owner + "/";
    }

    /** Where a deleted talk's final record is kept, out of the listing (credits still count it). */
    public static String deletedRecord(String owner, String talkId) {
        return deletedPrefix(owner) + talkId + ".json";
    }

    public static String deletedPrefix(String owner) {
        return DELETED + owner + "/";
    }

    /** An idempotency key, by the SHA-256 of the client's key. */
    public static String idempotency(String owner, String keyHash) {
        return IDEMPOTENCY + owner + "/" + keyHash + ".json";
    }

    /** The owner's credit grant. */
    public static String ledger(String owner) {
        return LEDGER + owner + ".json";
    }

    /** Media that signed links may serve: uploads, per-stage artifacts and results, never records. */
    public static boolean isMedia(String key) {
        return key.startsWith(UPLOADS) || key.startsWith(WORK) || key.startsWith(RESULTS);
    }

    /** A talk's webhook delivery log ({@code WebhookLog}). */
    public static String webhookLog(String owner, String talkId) {
        return WEBHOOKS + owner + "/" + talkId + ".json";
    }

    /** The marker of a webhook delivery still owed, under the talk's partition; it holds the talk's owner. */
    public static String webhookQueued(int partition, String talkId) {
        return webhookQueuePrefix(partition) + talkId;
    }

    public static String webhookQueuePrefix(int partition) {
        return WEBHOOK_QUEUE + partition + "/";
    }

    /** The marker of an unfinished talk, under its partition; it holds the talk's owner. */
    public static String inflight(int partition, String talkId) {
        return inflightPrefix(partition) + talkId;
    }

    public static String inflightPrefix(int partition) {
        return INFLIGHT + partition + "/";
    }

    private ObjectKeys() {
    }
}
