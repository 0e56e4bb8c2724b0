package org.opentalks.tts.service;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.opentalks.speech.EspeakSpeechEngine;
import org.opentalks.speech.FestivalEngine;
import org.opentalks.speech.FliteEngine;
import org.opentalks.speech.SpeechEngine;
import org.opentalks.speech.VoiceCatalogue;

/**
 * The speech engines this service has, and the catalogue of their voices: espeak-ng for 100+ languages,
 * and flite and festival (SLT HTS, the default English voice) for better English. An engine that is not
 * installed lists no voices and so is never chosen.
 */
@ApplicationScoped
public class SpeechEngines {
    private static final Logger LOG = Logger.getLogger(SpeechEngines.class);

    private final List<SpeechEngine> engines;
    private final Map<String, SpeechEngine> byId;
    private final VoiceCatalogue catalogue;

    SpeechEngines() {
        this(List.of(new EspeakSpeechEngine(), new FliteEngine(), new FestivalEngine()));
    }

    SpeechEngines(List<SpeechEngine> engines) {
        this.engines = List.copyOf(engines);
        this.byId = engines.stream().collect(Collectors.toMap(SpeechEngine::id, Function.identity()));
        this.catalogue = VoiceCatalogue.of(engines);
        engines.forEach(e -> LOG.infof("%s: %d voices", e.id(), e.voices().size()));
    }

    public VoiceCatalogue catalogue() {
        return catalogue;
    }

    /** The engine of a catalogue voice. */
    public SpeechEngine engine(String id) {
        SpeechEngine engine = byId.get(id);
        if (engine == null) {
            throw new IllegalArgumentException("no speech engine '" + id + "' here");
        }
        return engine;
    }

    @PreDestroy
    void close() throws Exception {
        for (SpeechEngine engine : engines) {
            engine.close();
        }
    }
}
