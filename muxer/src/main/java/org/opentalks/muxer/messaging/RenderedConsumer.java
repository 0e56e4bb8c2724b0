package org.opentalks.muxer.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.opentalks.contract.event.Rendered;
import org.opentalks.contract.event.TalkCompleted;
import org.opentalks.muxer.service.MuxService;
import org.opentalks.service.stage.StageRunner;

/** {@code talks.rendered} → result video → {@code talks.completed}. */
@ApplicationScoped
public class RenderedConsumer {
    @Inject
    StageRunner runner;

    @Inject
    MuxService muxer;

    @Inject
    @Channel("completed")
    Emitter<Record<String, TalkCompleted>> completed;

    @Incoming("rendered")
    @Blocking
    public void onRendered(Rendered event) {
        runner.run(event, completed, () -> muxer.mux(event));
    }
}
