package org.opentalks.driver.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.opentalks.contract.event.DriverMatched;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.driver.service.DriverMatchService;
import org.opentalks.service.stage.StageRunner;

/** {@code talks.speech-ready} → face and driver → {@code talks.driver-matched}. */
@ApplicationScoped
public class SpeechReadyConsumer {
    @Inject
    StageRunner runner;

    @Inject
    DriverMatchService matcher;

    @Inject
    @Channel("driver-matched")
    Emitter<Record<String, DriverMatched>> driverMatched;

    @Incoming("speech-ready")
    @Blocking
    public void onSpeechReady(SpeechReady event) {
        runner.run(event, driverMatched, () -> matcher.match(event));
    }
}
