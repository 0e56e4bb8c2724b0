package org.opentalks.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.opentalks.contract.event.RecordChanged;
import org.opentalks.gateway.service.CreditLedger;
import org.opentalks.gateway.service.RecordCache;

/**
 * Follows {@code talks.status} (each replica in its own consumer group, from the latest offset), so
 * this gateway's record cache and credit ledger see every record write and deletion.
 */
@ApplicationScoped
public class StatusConsumer {
    @Inject
    RecordCache records;

    @Inject
    CreditLedger credits;

    @Incoming("status")
    public void onChange(RecordChanged change) {
        if (change == null) {
            return;
        }
        records.changed(change.talkId(), change.record());
        if (!change.deleted()) {
            credits.changed(change.record());
        }
    }
}
