package org.opentalks.gateway.auth;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.opentalks.contract.ErrorKind;
import org.opentalks.gateway.config.ApiConfig;
import org.opentalks.gateway.service.DomainException;

/** The owner of the API key that made the current request, and what that owner may do. */
@RequestScoped
public class Caller {
    @Inject
    ApiConfig config;

    private String owner;

    public String owner() {
        return owner;
    }

    /** D-ID's 403 PermissionError when the owner's account does not include {@code feature}. */
    public void requireFeature(String feature) {
        ApiConfig.Owner account = config.owners().get(owner);
        if (account != null && account.features().isPresent() && !account.features().get().contains(feature)) {
            throw new DomainException(ErrorKind.PermissionError, "user has no permission for " + feature);
        }
    }

    void authenticated(String owner) {
        this.owner = owner;
    }
}
