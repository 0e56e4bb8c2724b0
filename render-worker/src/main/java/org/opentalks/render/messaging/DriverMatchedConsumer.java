package org.opentalks.render.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.Rendered;
import org.opentalks.render.service.RenderService;
import org.opentalks.service.stage.StageRunner;

/** {@code talks.driver-matched} → animated face video → {@code talks.rendered}. */
@ApplicationScoped
public class DriverMatchedConsumer {
    @Inject
    StageRunner runner;

    @Inject
    RenderService renderer;

    @Inject
    @Channel("rendered")
    Emitter<Record<String, Rendered>> rendered;

    @Incoming("driver-matched")
    @Blocking
    public void onDriverMatched(DriverMatched event) {
        runner.run(event, rendered, () -> renderer.render(event));
    }
}
