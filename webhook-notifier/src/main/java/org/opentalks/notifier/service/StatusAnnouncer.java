package org.opentalks.notifier.service;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.opentalks.contract.document.TalkRecord;
import org.opentalks.contract.event.RecordChanged;
import org.opentalks.notifier.config.NotifierConfig;

/**
 * Announces record writes on {@code talks.status}, keyed by talk id, with the writing replica's id in
 * the {@value #WRITER_HEADER} header. Best effort: gateways also re-read records that are not final,
 * so a lost announcement only delays them. (Its own bean, created on first use, so that the lifecycle
 * can start before the messaging channels are connected.)
 */
@ApplicationScoped
public class StatusAnnouncer {
    /** The header that names the notifier replica that wrote the record. */
    public static final String WRITER_HEADER = "opentalks-writer";
    private static final Logger LOG = Logger.getLogger(StatusAnnouncer.class);

    private final Emitter<RecordChanged> status;
    private final byte[] writer;

    StatusAnnouncer(@Channel("status") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536)
                    Emitter<RecordChanged> status, NotifierConfig config) {
        this.status = status;
        this.writer = config.replicaId().getBytes(StandardCharsets.UTF_8);
    }

    void announce(TalkRecord record) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.id())
                .withHeaders(new RecordHeaders().add(WRITER_HEADER, writer))
                .build();
        status.send(Message.of(new RecordChanged(record.id(), record.owner(), record))
                .addMetadata(metadata)
                .withAck(() -> CompletableFuture.completedFuture(null))
                .withNack(error -> {
                    LOG.warnf("talks.status for %s not sent: %s", record.id(), error.getMessage());
                    return CompletableFuture.completedFuture(null);
                }));
    }
}
