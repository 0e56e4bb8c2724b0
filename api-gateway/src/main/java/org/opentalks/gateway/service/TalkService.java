package org.opentalks.gateway.service;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.RecordChanged;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.gateway.service.DomainException;
import org.opentalks.service.secrets.ClientKeySeal;
import org.opentalks.store.ObjectStore;

/**
 * Accepts talks and answers for them. A talk is accepted once the broker holds its
 * {@code talks.requested} event: that is its durable record of creation, from which the notifier
 * writes the stored record (the only writer of records, so no two writers race). Reads come from
 * {@link RecordCache}; lists and deletes from the store.
 */
@ApplicationScoped
public class TalkService {
    private static final Logger LOG = Logger.getLogger(TalkService.class);

    private final ObjectStore store;
    private final RecordCache records;
    private final CreditLedger credits;
    private final Clock clock;
    private final ClientKeySeal seal;
    private final MutinyEmitter<Record<String, TalkRequested>> requested;
    private final Emitter<Record<String, RecordChanged>> status;

    TalkService(ObjectStore store, RecordCache records, CreditLedger credits, Clock clock, ClientKeySeal seal,
                @Channel("requested") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                MutinyEmitter<Record<String, TalkRequested>> requested,
                @Channel("status-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
                Emitter<Record<String, RecordChanged>> status) {
        this.store = store;
        this.records = records;
        this.credits = credits;
        this.clock = clock;
        this.seal = seal;
        this.requested = requested;
        this.status = status;
    }

    /**
     * Takes a credit, then completes once the broker has the event (acknowledged by every in-sync
     * replica), so an accepted talk is never lost. Nothing blocks while the broker works.
     */
    public Uni<TalkRecord> create(String owner, TalkSpec spec) {
        return create(owner, spec, null);
    }

    /** @param clientKeys the client's own provider keys ({@code x-api-key-external}), sealed for the tts-service */
    public Uni<TalkRecord> create(String owner, TalkSpec spec, String clientKeys) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = TalkIds.talkId();
        credits.reserve(owner, id, now);
        TalkRecord record = TalkRecord.created(id, owner, spec, now);
        String sealed = clientKeys == null ? null : seal.seal(clientKeys, id);
        return requested.send(Record.of(id, new TalkRequested(id, owner, spec, now, sealed)))
                .onItem().transform(sent -> {
                    records.created(record);
                    return record;
                })
                .onFailure().transform(e -> {
                    credits.release(owner, id);
                    LOG.errorf(e, "talk %s could not be queued", id);
                    return new DomainException(ErrorKind.ServiceUnavailableError,
                            "the talk could not be queued; try again later");
                });
    }

    /** The record if memory can answer for it now, without reading the store. */
    public Optional<TalkRecord> cached(String id) {
        return records.fresh(id);
    }

    public TalkRecord get(String owner, String id) {
        if (!TalkIds.isWellFormed(id) || !id.startsWith("tlk_")) {
            throw DomainException.notFound("talk");
        }
        return records.find(owner, id).orElseThrow(() -> DomainException.notFound("talk"));
    }

    /** A page of the owner's talks, newest first, and the token of the next page (null on the last). */
    public record Page(List<TalkRecord> talks, String token) {
    }

    public Page list(String owner, int limit, String token) {
        String prefix = ObjectKeys.recordPrefix(owner);
        String after = token == null ? null : decodeToken(token, prefix);
        List<String> keys = store.listAfter(prefix, after, limit + 1);
        List<TalkRecord> talks = new ArrayList<>();
        for (String key : keys.subList(0, Math.min(limit, keys.size()))) {
            String id = key.substring(prefix.length(), key.length() - ".json".length());
            records.find(owner, id).ifPresent(talks::add);
        }
        String next = keys.size() > limit ? encodeToken(keys.get(limit - 1)) : null;
        return new Page(talks, next);
    }

    /**
     * Deletes a finished talk: its record, result and artifacts. D-ID's 409 NotReadyError while it is
     * still being processed.
     */
    public TalkRecord delete(String owner, String id) {
        TalkRecord record = get(owner, id);
        if (!record.status().isFinal()) {
            throw new DomainException(ErrorKind.NotReadyError, "talk is in process, try again later");
        }
        for (String key : store.list(ObjectKeys.workPrefix(id))) {
            store.delete(key);
        }
        if (record.resultKey() != null) {
            store.delete(record.resultKey());
        }
        // A tombstone keeps what credits need to know (the talk existed, and how it ended).
        store.putJson(ObjectKeys.deletedRecord(owner, id), record);
        store.delete(ObjectKeys.record(owner, id));
        records.forget(id);
        status.send(Record.of(id, new RecordChanged(id, owner, null)));
        LOG.infof("talk %s deleted by %s", id, owner);
        return record;
    }

    private static String encodeToken(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The token is the last key of the previous page; one naming another owner's keys is refused. */
    private static String decodeToken(String token, String prefix) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (key.startsWith(prefix)) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the validation error
        }
        throw DomainException.validation("query.token", "is not a token from a previous page");
    }
}
