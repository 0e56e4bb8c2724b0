package org.opentalks.tts.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.opentalks.contract.event.SpeechReady;
import org.opentalks.contract.event.TalkRequested;
import org.opentalks.service.stage.StageRunner;
import org.opentalks.tts.service.SpeechService;

/** {@code talks.requested} → speech → {@code talks.speech-ready}. */
@ApplicationScoped
public class RequestedConsumer {
    @Inject
    StageRunner runner;

    @Inject
    SpeechService speech;

    @Inject
    @Channel("speech-ready")
    Emitter<Record<String, SpeechReady>> speechReady;

    @Incoming("requested")
    @Blocking
    public void onRequested(TalkRequested event) {
        runner.run(event, speechReady, () -> speech.speak(event));
    }
}
