package org.opentalks.gateway.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.api.ApiError;

/**
 * Every API call needs a key (D-ID's 401 AuthorizationError otherwise) and stays within its owner's
 * rate (429 with {@code Retry-After} otherwise). Signed media links carry their own proof instead.
 */
public class AuthFilter {
    @Inject
    ApiKeys keys;

    @Inject
    RateLimiter limiter;

    @Inject
    Caller caller;

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/media/")) {
            return Optional.empty();
        }
        Optional<String> owner = keys.owner(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (owner.isEmpty()) {
            return Optional.of(refusal(ErrorKind.AuthorizationError, "user unauthenticated")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"OpenTalks\"").build());
        }
        long wait = limiter.secondsToWait(owner.get());
        if (wait > 0) {
            String description = "rate limit exceeded; retry after " + wait + " s";
            return Optional.of(refusal(ErrorKind.TooManyRequestsError, description)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(wait)).build());
        }
        caller.authenticated(owner.get());
        return Optional.empty();
    }

    private static Response.ResponseBuilder refusal(ErrorKind kind, String description) {
        return Response.status(kind.httpStatus()).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(kind.name(), description));
    }
}
