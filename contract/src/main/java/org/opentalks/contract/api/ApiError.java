package org.opentalks.contract.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** D-ID's error body: {@code {kind, description, details?}}. */
@JsonPropertyOrder({"kind", "description", "details"})
public record ApiError(String kind, String description, Map<String, Object> details) {
    public static ApiError of(String kind, String description) {
        return new ApiError(kind, description, null);
    }
}
