package org.opentalks.gateway.auth;

import jakarta.enterprise.context.RequestScoped;

/** The owner of the API key that made the current request. */
@RequestScoped
public class Caller {
    private String owner;

    public String owner() {
        return owner;
    }

    void authenticated(String owner) {
        this.owner = owner;
    }
}
