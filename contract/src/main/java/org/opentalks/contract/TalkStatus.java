package org.opentalks.contract;

import com.fasterxml.jackson.annotation.JsonValue;

/** D-ID's talk lifecycle: created → started → done | error | rejected. */
public enum TalkStatus {
    CREATED, STARTED, DONE, ERROR, REJECTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFinal() {
        return this == DONE || this == ERROR || this == REJECTED;
    }
}
