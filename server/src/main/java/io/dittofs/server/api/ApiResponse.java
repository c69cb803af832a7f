package io.dittofs.server.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a route answers: a status and a JSON body (or raw text, for metrics and documents).
 *
 * @param etag the resource's revision, sent as the ETag header
 */
public record ApiResponse(
        int status,
        @Nullable Object json,
        byte @Nullable [] raw,
        String contentType,
        @Nullable Long etag) {
    public static ApiResponse ok(Object json) {
        return new ApiResponse(200, json, null, "application/json", null);
    }

    public static ApiResponse ok(Object json, long etag) {
        return new ApiResponse(200, json, null, "application/json", etag);
    }

    public static ApiResponse created(Object json, long etag) {
        return new ApiResponse(201, json, null, "application/json", etag);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null, "application/json", null);
    }

    public static ApiResponse raw(int status, byte[] bytes, String contentType) {
        return new ApiResponse(status, null, bytes, contentType, null);
    }

    public static ApiResponse error(int status, String error, @Nullable String field, String reason) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("error", error);
        m.put("field", field);
        m.put("reason", reason);
        return new ApiResponse(status, m, null, "application/json", null);
    }

    static String errorName(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 412 -> "precondition_failed";
            case 413 -> "payload_too_large";
            case 429 -> "too_many_requests";
            case 503 -> "unavailable";
            default -> "internal_error";
        };
    }

    static Map<String, Object> message(String key, Object value) {
        return Map.of(key, value);
    }
}
