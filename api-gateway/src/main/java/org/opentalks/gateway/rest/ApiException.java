package org.opentalks.gateway.rest;

import java.util.Map;

/** An error answered in D-ID's {@code {kind, description, details}} shape. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String kind;
    private final Map<String, Object> details;

    public ApiException(int status, String kind, String description, Map<String, Object> details) {
        super(description);
        this.status = status;
        this.kind = kind;
        this.details = details;
    }

    public ApiException(int status, String kind, String description) {
        this(status, kind, description, null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NotFoundError", what + " not found");
    }

    public static ApiException validation(String path, String message) {
        return new ApiException(400, "ValidationError", "validation failed",
                Map.of(path, Map.of("message", message)));
    }

    public static ApiException unsupportedType(String received, String... supported) {
        return new ApiException(415, "UnsupportedMimeTypeError", "unsupported file type",
                Map.of("received", received == null ? "unknown" : received, "supported", supported));
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public Map<String, Object> details() {
        return details;
    }
}
