package org.opentalks.service.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.RecordChanged;
import org.opentalks.contract.event.Rendered;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.StageProgress;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.contract.event.TalkFailed;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.json.Json;

/**
 * One Kafka deserializer per event type, named in each service's channel configuration
 * (e.g. {@code org.opentalks.service.kafka.EventDeserializers$Requested}).
 */
public final class EventDeserializers {

    /** Reads the contract's JSON into {@code T}. */
    public abstract static class JsonEventDeserializer<T> implements Deserializer<T> {
        private final Class<T> type;

        protected JsonEventDeserializer(Class<T> type) {
            this.type = type;
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            return data == null ? null : Json.read(data, type);
        }
    }

    public static class Requested extends JsonEventDeserializer<TalkRequested> {
        public Requested() {
            super(TalkRequested.class);
        }
    }

    public static class SpeechReadyEvent extends JsonEventDeserializer<SpeechReady> {
        public SpeechReadyEvent() {
            super(SpeechReady.class);
        }
    }

    public static class Matched extends JsonEventDeserializer<DriverMatched> {
        public Matched() {
            super(DriverMatched.class);
        }
    }

    public static class RenderedEvent extends JsonEventDeserializer<Rendered> {
        public RenderedEvent() {
            super(Rendered.class);
        }
    }

    public static class Completed extends JsonEventDeserializer<TalkCompleted> {
        public Completed() {
            super(TalkCompleted.class);
        }
    }

    public static class Failed extends JsonEventDeserializer<TalkFailed> {
        public Failed() {
            super(TalkFailed.class);
        }
    }

    public static class Progress extends JsonEventDeserializer<StageProgress> {
        public Progress() {
            super(StageProgress.class);
        }
    }

    public static class Status extends JsonEventDeserializer<RecordChanged> {
        public Status() {
            super(RecordChanged.class);
        }
    }

    private EventDeserializers() {
    }
}
