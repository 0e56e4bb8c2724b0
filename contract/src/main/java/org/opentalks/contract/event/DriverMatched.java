package org.opentalks.contract.event;

/**
 * {@code talks.driver-matched}: the source image (normalised to PNG), its {@code face.json} and
 * the {@code driver.json} motion track are in the store.
 */
public record DriverMatched(SpeechReady speech, String sourceKey, String faceKey, String driverKey,
                            String driverUrl) implements TalkEvent {
    @Override
    public String talkId() {
        return speech.talkId();
    }

    @Override
    public String owner() {
        return speech.owner();
    }
}
