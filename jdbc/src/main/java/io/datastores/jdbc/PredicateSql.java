package io.datastores.jdbc;

import io.datastores.api.bulk.Predicate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a {@link Predicate} as a SQL condition with {@code ?} markers, adding its literals to the
 * bound values in order; never a value in the text. Text literals compare through
 * {@link JdbcDialect#binaryText}, so a condition means the same on every database.
 */
final class PredicateSql {
    private final JdbcDialect dialect;
    private final List<Object> params;

    PredicateSql(JdbcDialect dialect, List<Object> params) {
        this.dialect = dialect;
        this.params = params;
    }

    String render(Predicate predicate) {
        if (predicate instanceof Predicate.And and) {
            return and.parts().isEmpty() ? "1 = 1" : joined(and.parts(), " AND ");
        }
        if (predicate instanceof Predicate.Or or) {
            return or.parts().isEmpty() ? "1 = 0" : joined(or.parts(), " OR ");
        }
        if (predicate instanceof Predicate.Not not) {
            return "NOT (" + render(not.part()) + ")";
        }
        if (predicate instanceof Predicate.IsNull n) {
            return dialect.quote(n.column()) + " IS NULL";
        }
        if (predicate instanceof Predicate.IsNotNull n) {
            return dialect.quote(n.column()) + " IS NOT NULL";
        }
        if (predicate instanceof Predicate.In in) {
            if (in.values().isEmpty()) {
                return "1 = 0";
            }
            String column = column(in.column(), in.values().get(0));
            in.values().forEach(value -> params.add(dialect.filterValue(value)));
            return column + " IN (" + in.values().stream().map(v -> "?").collect(Collectors.joining(", ")) + ")";
        }
        Predicate.Compare compare = (Predicate.Compare) predicate;
        params.add(dialect.filterValue(compare.value()));
        return column(compare.column(), compare.value()) + " " + compare.op().sql() + " ?";
    }

    private String joined(List<Predicate> parts, String operator) {
        return parts.stream().map(p -> "(" + render(p) + ")").collect(Collectors.joining(operator));
    }

    private String column(String name, Object literal) {
        String quoted = dialect.quote(name);
        return literal instanceof String ? dialect.binaryText(quoted) : quoted;
    }
}
