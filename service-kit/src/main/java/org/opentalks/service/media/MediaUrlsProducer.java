package org.opentalks.service.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.opentalks.contract.api.MediaUrls;

/** The one {@link MediaUrls} of a service, from {@link MediaConfig}. */
@ApplicationScoped
public class MediaUrlsProducer {
    @Produces
    @Singleton
    MediaUrls mediaUrls(MediaConfig config) {
        return new MediaUrls(config.baseUrl(), config.signingKey(), config.urlValidity());
    }
}
