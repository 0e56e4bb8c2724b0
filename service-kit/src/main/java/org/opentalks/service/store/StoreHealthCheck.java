package org.opentalks.service.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.opentalks.store.ObjectStore;

/** Ready only when the store answers and the bucket exists. */
@Readiness
@ApplicationScoped
public class StoreHealthCheck implements HealthCheck {
    private final ObjectStore store;

    StoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.list("health/");
            return HealthCheckResponse.up("object-store");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("object-store").down().withData("error", e.getMessage()).build();
        }
    }
}
