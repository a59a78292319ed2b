package io.datastores.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A list request: {@code type}, {@code system}, {@code is_active} filters, {@code search} in name
 * and description, {@code ordering} ({@code -} for descending) and page-number pagination, as DRF's
 * filter, search and ordering backends read them. Unknown ordering fields are ignored, as in DRF.
 */
record ListQuery(
        Optional<String> type,
        Optional<String> system,
        Optional<Boolean> active,
        Optional<String> search,
        String orderBy,
        int page,
        int pageSize) {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    private static final Map<String, String> ORDERABLE = Map.of(
            "created_at",
            "created_at",
            "name",
            "name",
            "type",
            "type",
            "avg_response_time_ms",
            "avg_response_time_ms",
            "id",
            "id",
            "updated_at",
            "updated_at");

    /** A query parameter that cannot be honoured: the list answers 400 (or 404 for a page past the end). */
    static final class BadQuery extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        BadQuery(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    static ListQuery of(Function<String, String> parameter) {
        Optional<Boolean> active = Optional.ofNullable(parameter.apply("is_active"))
                .map(value -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "true", "1" -> Boolean.TRUE;
                    case "false", "0" -> Boolean.FALSE;
                    default ->
                        throw new BadQuery(
                                "is_active", "Select a valid choice. That choice is not one of the available choices.");
                });
        return new ListQuery(
                nonBlank(parameter.apply("type")),
                nonBlank(parameter.apply("system")),
                active,
                nonBlank(parameter.apply("search")),
                orderBy(parameter.apply("ordering")),
                positive(parameter.apply("page"), 1, Integer.MAX_VALUE, "page"),
                positive(parameter.apply("page_size"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, "page_size"));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static int positive(String value, int fallback, int max, String field) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!value.strip().matches("\\d{1,9}") || Integer.parseInt(value.strip()) < 1) {
            throw new BadQuery(field, "Invalid page.");
        }
        return Math.min(Integer.parseInt(value.strip()), max);
    }

    /** @return an ORDER BY list built only from known column names; id breaks ties so pages never overlap */
    private static String orderBy(String ordering) {
        StringBuilder order = new StringBuilder();
        if (ordering != null) {
            for (String term : ordering.split(",")) {
                String field = term.strip();
                boolean descending = field.startsWith("-");
                String column = ORDERABLE.get(descending ? field.substring(1) : field);
                if (column != null) {
                    order.append(column).append(descending ? " DESC" : " ASC").append(", ");
                }
            }
        }
        return order.append("id ASC").toString();
    }

    /** Escapes LIKE wildcards so a search term matches literally. */
    static String escapeLike(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The parameters in order, for building next/previous links. */
    static List<String> parameters() {
        return List.of("type", "system", "is_active", "search", "ordering", "page_size");
    }
}
