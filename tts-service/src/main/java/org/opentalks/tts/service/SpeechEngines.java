package org.opentalks.tts.service;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
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
import org.opentalks.speech.piper.PiperEngine;
import org.opentalks.tts.config.TtsConfig;

/**
 * The speech engines this service has, and the catalogue of their voices: espeak-ng for 100+ languages,
 * flite and festival (SLT HTS, the default English voice) for better English, and the Piper voices of
 * {@code opentalks.tts.piper-dir} when one is mounted. An engine that is not installed lists no voices and
 * so is never chosen.
 */
@ApplicationScoped
public class SpeechEngines {
    private static final Logger LOG = Logger.getLogger(SpeechEngines.class);

    private final List<SpeechEngine> engines;
    private final Map<String, SpeechEngine> byId;
    private final VoiceCatalogue catalogue;

    @Inject
    SpeechEngines(TtsConfig config) {
        this(engines(config));
    }

    private static List<SpeechEngine> engines(TtsConfig config) {
        List<SpeechEngine> engines = new ArrayList<>(List.of(new EspeakSpeechEngine(), new FliteEngine(),
                new FestivalEngine()));
        config.piperDir().ifPresent(dir -> {
            PiperEngine piper = new PiperEngine(dir);
            piper.problems().forEach(problem -> LOG.warnf("piper: %s", problem));
            engines.add(piper);
        });
        return engines;
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
