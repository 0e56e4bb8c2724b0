package org.opentalks.service.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The seal of clients' provider keys, for the services that use it (the gateway seals, the tts-service opens). */
@ApplicationScoped
public class ClientKeySealProducer {

    @Produces
    @Singleton
    ClientKeySeal clientKeySeal(ClientKeysConfig config) {
        return new ClientKeySeal(config.secret());
    }
}
