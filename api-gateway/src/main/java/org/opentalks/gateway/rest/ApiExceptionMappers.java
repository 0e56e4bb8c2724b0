package org.opentalks.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.opentalks.contract.api.ApiError;

/** Every error leaves the API in D-ID's shape, whatever raised it. */
public class ApiExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return error(e.status(), new ApiError(e.kind(), e.getMessage(), e.details()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String kind = switch (status) {
            case 401 -> "AuthorizationError";
            case 404 -> "NotFoundError";
            case 413 -> "PayloadTooLargeError";
            case 415 -> "UnsupportedMimeTypeError";
            default -> status < 500 ? "BadRequestError" : "InternalServerError";
        };
        return error(status, ApiError.of(kind, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return error(500, ApiError.of("InternalServerError", "internal error; try again later"));
    }

    static Response error(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
