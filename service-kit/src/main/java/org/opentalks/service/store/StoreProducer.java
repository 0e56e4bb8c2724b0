package org.opentalks.service.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.opentalks.store.ObjectStore;
import org.opentalks.store.StoreSettings;

/** The one {@link ObjectStore} of a service. */
@ApplicationScoped
public class StoreProducer {

    @Produces
    @ApplicationScoped
    ObjectStore objectStore(StoreConfig config) {
        return new ObjectStore(new StoreSettings(config.endpoint(),
                config.publicEndpoint().orElse(config.endpoint()), config.accessKey(), config.secretKey(),
                config.bucket(), config.region()));
    }

    void close(@Disposes ObjectStore store) throws Exception {
        store.close();
    }
}
