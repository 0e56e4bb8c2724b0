package org.opentalks.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import org.opentalks.gateway.request.RequestReader;
import org.opentalks.gateway.request.TalkRequestValidator;
import org.opentalks.gateway.service.VoiceCatalogueReader;
import org.opentalks.gateway.service.VoiceDirectory;
import org.opentalks.service.fetch.SafeFetcher;
import org.opentalks.store.ObjectStore;

/** The request model's reader and validator, and the voices a request may name. */
@ApplicationScoped
public class RequestBeans {

    @Produces
    @Singleton
    RequestReader requestReader() {
        return new RequestReader();
    }

    /** The voices of the catalogue the tts-service publishes (the gateway has no speech engines of its own). */
    @Produces
    @Singleton
    VoiceDirectory voiceDirectory(VoiceCatalogueReader catalogue) {
        return new VoiceDirectory(catalogue::current);
    }

    /** URLs are vetted with the fetcher's own address policy, so what is accepted here can be fetched later. */
    @Produces
    @Singleton
    TalkRequestValidator talkRequestValidator(Validator validator, SafeFetcher fetcher, VoiceDirectory voices,
                                              ObjectStore store) {
        return new TalkRequestValidator(validator, fetcher.policy(), voices, store.bucket());
    }
}
