package org.opentalks.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opentalks.contract.ErrorKind;
import org.opentalks.contract.api.ApiError;
import org.opentalks.contract.json.Json;

/**
 * A body declared larger than the transport accepts is answered 413 in D-ID's error shape before it
 * is read, instead of the HTTP server's bare 413.
 */
@ApplicationScoped
public class BodyLimit {
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(-100).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > limit) {
                ctx.response().setStatusCode(ErrorKind.PayloadTooLargeError.httpStatus())
                        .putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                        .end(Buffer.buffer(Json.write(ApiError.of(ErrorKind.PayloadTooLargeError.name(),
                                "the request body is larger than " + limit + " bytes"))));
                return;
            }
            ctx.next();
        });
    }
}
