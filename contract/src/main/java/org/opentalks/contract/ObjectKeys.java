package org.opentalks.contract;

/**
 * Object-store layout (DESIGN.md): {@code uploads/} for client uploads, {@code work/{talkId}/} for
 * per-stage artifacts, {@code results/} for finished videos, {@code records/} for talk records.
 */
public final class ObjectKeys {
    public static final String SPEECH_WAV = "speech.wav";
    public static final String VISEMES_JSON = "visemes.json";
    public static final String SOURCE_IMAGE = "source.png";
    public static final String FACE_JSON = "face.json";
    public static final String DRIVER_JSON = "driver.json";
    public static final String FRAMES_MP4 = "frames.mp4";

    public static String upload(String owner, String id, String fileName) {
        return "uploads/" + owner + "/" + id + "/" + fileName;
    }

    public static String work(String talkId, String name) {
        return "work/" + talkId + "/" + name;
    }

    public static String workPrefix(String talkId) {
        return "work/" + talkId + "/";
    }

    public static String result(String owner, String talkId, String extension) {
        return "results/" + owner + "/" + talkId + "." + extension;
    }

    public static String record(String owner, String talkId) {
        return "records/" + owner + "/" + talkId + ".json";
    }

    public static String recordPrefix(String owner) {
        return "records/" + owner + "/";
    }

    private ObjectKeys() {
    }
}
