package org.opentalks.contract.event;

import java.time.Instant;

/**
 * {@code talks.progress}: a stage started or finished work on a talk.
 *
 * @param millis for {@code FINISHED}, how long the stage took; 0 for {@code STARTED}
 */
public record StageProgress(String talkId, String owner, String stage, Phase phase, Instant at, long millis)
        implements TalkEvent {
    public enum Phase { STARTED, FINISHED }
}
