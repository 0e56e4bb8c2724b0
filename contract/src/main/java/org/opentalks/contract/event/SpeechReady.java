package org.opentalks.contract.event;

/**
 * {@code talks.speech-ready}: {@code speech.wav} and {@code visemes.json} are in the store.
 *
 * @param voice the engine voice that spoke, e.g. {@code espeak-ng:en-us}
 */
public record SpeechReady(String talkId, String owner, TalkSpec spec, String speechKey, String visemesKey,
                          double durationSeconds, String voice) implements TalkEvent {
}
