package io.datastores.registry;

import java.util.List;
import java.util.Map;

/** An HTTP error answer with a DRF-shaped body; thrown by handlers, rendered by one exception handler. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Map<String, ?> body;

    ApiError(int status, Map<String, ?> body) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
    }

    static ApiError detail(int status, String detail) {
        return new ApiError(status, Map.of("detail", detail));
    }

    static ApiError notFound() {
        return detail(404, "Not found.");
    }

    static ApiError invalid(Map<String, List<String>> errors) {
        return new ApiError(400, errors);
    }

    int status() {
        return status;
    }

    Map<String, ?> body() {
        return body;
    }
}
