package org.opentalks.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import org.opentalks.contract.store.ObjectStore;
import org.opentalks.gateway.request.RequestReader;
import org.opentalks.gateway.request.TalkRequestValidator;
import org.opentalks.gateway.service.VoiceDirectory;
import org.opentalks.service.fetch.SafeFetcher;
import org.opentalks.speech.VoiceCatalog;

/** The request model's reader and validator, and the voices a request may name. */
@ApplicationScoped
public class RequestBeans {

    @Produces
    @Singleton
    RequestReader requestReader() {
        return new RequestReader();
    }

    /** The installed espeak-ng voices (read once through libespeak-ng) and the provider voices they stand in for. */
    @Produces
    @Singleton
    VoiceDirectory voiceDirectory() {
        return new VoiceDirectory(VoiceCatalog.installed());
    }

    /** URLs are vetted with the fetcher's own address policy, so what is accepted here can be fetched later. */
    @Produces
    @Singleton
    TalkRequestValidator talkRequestValidator(Validator validator, SafeFetcher fetcher, VoiceDirectory voices,
                                              ObjectStore store) {
        return new TalkRequestValidator(validator, fetcher.policy(), voices, store.bucket());
    }
}
