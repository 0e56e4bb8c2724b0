package org.opentalks.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.api.ApiError;
import org.opentalks.gateway.service.DomainException;

/**
 * Every error leaves the API in D-ID's {@code {kind, description, details?}} shape with the HTTP status
 * of its kind, whatever raised it: the service's refusals, the HTTP layer's own answers (an unknown
 * path is 404 NotFoundError, a wrong method 405 MethodNotAllowedError), and unexpected failures (500,
 * logged, never with internals in the body).
 */
public class ErrorResponses {
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    @ServerExceptionMapper
    public Response refused(DomainException e) {
        return error(e.kind().httpStatus(), new ApiError(e.kind().name(), e.getMessage(), e.details()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ErrorKind kind = switch (status) {
            case 401 -> ErrorKind.AuthorizationError;
            case 404 -> ErrorKind.NotFoundError;
            case 405 -> ErrorKind.MethodNotAllowedError;
            case 413 -> ErrorKind.PayloadTooLargeError;
            case 415 -> ErrorKind.UnsupportedMimeTypeError;
            default -> status < 500 ? ErrorKind.BadRequestError : ErrorKind.InternalServerError;
        };
        String description = switch (kind) {
            case NotFoundError -> "not found";
            case MethodNotAllowedError -> "method not allowed";
            case UnsupportedMimeTypeError -> "unsupported content type";
            case InternalServerError -> "internal error; try again later";
            default -> "the request could not be understood";
        };
        if (status >= 500) {
            LOG.error("unexpected error", e);
        }
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(ApiError.of(kind.name(), description));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error", e);
        return error(500, ApiError.of(ErrorKind.InternalServerError.name(), "internal error; try again later"));
    }

    static Response error(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
