package org.opentalks.gateway.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.opentalks.contract.api.ApiError;

/** Every API call needs a key; the answer otherwise is D-ID's 401 AuthorizationError. */
public class AuthFilter {
    @Inject
    ApiKeys keys;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        Optional<String> owner = keys.owner(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (owner.isEmpty()) {
            return Optional.of(Response.status(401).type(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"OpenTalks\"")
                    .entity(ApiError.of("AuthorizationError", "user unauthenticated")).build());
        }
        caller.authenticated(owner.get());
        return Optional.empty();
    }
}
