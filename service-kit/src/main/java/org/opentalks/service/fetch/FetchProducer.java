package org.opentalks.service.fetch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.opentalks.store.ObjectStore;

/** The one {@link SafeFetcher} of a service, configured by {@link FetchConfig}. */
@ApplicationScoped
public class FetchProducer {

    @Produces
    @Singleton
    SafeFetcher safeFetcher(FetchConfig config, ObjectStore store) {
        return new SafeFetcher(FetchSettings.from(config), store);
    }

    void close(@Disposes SafeFetcher fetcher) {
        fetcher.close();
    }
}
