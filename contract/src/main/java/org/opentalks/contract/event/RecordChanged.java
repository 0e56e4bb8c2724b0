package org.opentalks.contract.event;

import org.opentalks.contract.document.TalkRecord;

/**
 * {@code talks.status}: a talk record was written ({@code record} is its new content) or deleted
 * ({@code record} is null). Gateways keep their record caches and credit ledgers current from it.
 */
public record RecordChanged(String talkId, String owner, TalkRecord record) implements TalkEvent {
    public boolean deleted() {
        return record == null;
    }
}
