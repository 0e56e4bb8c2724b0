package org.opentalks.gateway.service;

import java.util.LinkedHashMap;
import java.util.Map;
import org.opentalks.contract.ErrorKind;

/**
 * A request the service refuses, with D-ID's error kind, a sentence the client can act on and, for
 * validation, details keyed by the request path ({@code body.script.input}). The REST layer turns it
 * into the HTTP status of its kind and D-ID's {@code {kind, description, details}} body.
 */
public class DomainException extends RuntimeException {
    private final ErrorKind kind;
    private final transient Map<String, Object> details;

    public DomainException(ErrorKind kind, String description, Map<String, Object> details) {
        super(description);
        this.kind = kind;
        this.details = details;
    }

    public DomainException(ErrorKind kind, String description) {
        this(kind, description, null);
    }

    public static DomainException notFound(String what) {
        return new DomainException(ErrorKind.NotFoundError, what + " not found");
    }

    /** D-ID's ValidationError for one field: {@code {"body.x": {"message": "…"}}}. */
    public static DomainException validation(String path, String message) {
        return validation(Map.of(path, message));
    }

    /** D-ID's ValidationError: "validation failed", with one {@code {message}} per request path. */
    public static DomainException validation(Map<String, String> messages) {
        Map<String, Object> details = new LinkedHashMap<>();
        messages.forEach((path, message) -> details.put(path, Map.of("message", message)));
        return new DomainException(ErrorKind.ValidationError, "validation failed", details);
    }

    public static DomainException unsupportedType(String received, String... supported) {
        return new DomainException(ErrorKind.UnsupportedMimeTypeError, "unsupported file type",
                Map.of("received", received == null ? "unknown" : received, "supported", supported));
    }

    public ErrorKind kind() {
        return kind;
    }

    public Map<String, Object> details() {
        return details;
    }
}
