package org.opentalks.gateway.service;

import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.ObjectKeys;
import org.opentalks.contract.TalkIds;
import org.opentalks.contract.api.TalkObject;
import org.opentalks.contract.api.TalkObjects;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.contract.event.TalkSpec;
import org.opentalks.contract.json.Json;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.gateway.rest.ApiException;

/** Creates talk records and announces them; reads them back for their owner. */
@ApplicationScoped
public class TalkService {
    private static final Logger LOG = Logger.getLogger(TalkService.class);

    @Inject
    ObjectStore store;

    @Inject
    ApiConfig config;

    @Inject
    @Channel("requested")
    Emitter<Record<String, TalkRequested>> requested;

    /** Stores the record, then waits until the broker has the event, so an accepted talk is never lost. */
    public TalkRecord create(String owner, TalkSpec spec) {
        String id = TalkIds.talkId();
        TalkRecord record = TalkRecord.created(id, owner, spec, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        String key = ObjectKeys.record(owner, id);
        store.putJson(key, record);
        try {
            requested.send(Record.of(id, new TalkRequested(id, owner, spec))).toCompletableFuture().join();
        } catch (CompletionException e) {
            LOG.errorf(e, "talk %s could not be queued", id);
            store.putJson(key, record.failed(Instant.now(), ErrorKind.InternalServerError,
                    "The talk could not be queued for processing."));
            throw new ApiException(503, "InternalServerError", "the talk could not be queued; try again later");
        }
        LOG.infof("talk %s created for %s", id, owner);
        return record;
    }

    public TalkObject get(String owner, String id) {
        if (!TalkIds.isWellFormed(id)) {
            throw ApiException.notFound("talk");
        }
        TalkRecord record = store.find(ObjectKeys.record(owner, id))
                .map(bytes -> Json.read(bytes, TalkRecord.class))
                .orElseThrow(() -> ApiException.notFound("talk"));
        return TalkObjects.render(record, store, config.urlValidity());
    }
}
