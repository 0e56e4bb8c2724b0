package org.opentalks.contract.event;

/** Every event names the talk it belongs to; the talk id is also the Kafka record key. */
public interface TalkEvent {
    String talkId();

    String owner();
}
