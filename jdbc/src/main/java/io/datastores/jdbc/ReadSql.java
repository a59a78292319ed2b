package io.datastores.jdbc;

import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.ReadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code SELECT} of a read: the table or query, the projection, the filter and the partition's
 * range as bound conditions, and the limit. A query with no structured parts is run as it is.
 * Public API of {@code datastores-jdbc}, for providers' own readers.
 */
public final class ReadSql {
    private ReadSql() {}

    /**
     * @param dialect the database's dialect
     * @param request the read
     * @param condition a further condition the provider adds (a page range, with no values), or
     *     {@code null}
     * @return the statement and its values: the query's own first, then the filter's
     */
    public static BoundStatement select(JdbcDialect dialect, ReadRequest request, String condition) {
        List<Object> params = new ArrayList<>(request.params());
        boolean plain = request.columns().isEmpty()
                && request.filter() == null
                && request.limit() == null
                && (request.partition() == null || request.partition().range() == null)
                && condition == null;
        if (request.query() != null && plain) {
            return new BoundStatement(request.query(), params);
        }
        String from = request.table() != null
                ? dialect.qualify(request.table())
                : "(" + request.query().strip().replaceFirst(";+$", "") + ") AS q";
        String columns = request.columns().isEmpty()
                ? "*"
                : request.columns().stream().map(dialect::quote).collect(Collectors.joining(", "));
        List<String> where = new ArrayList<>();
        PredicateSql predicates = new PredicateSql(dialect, params);
        if (request.filter() != null) {
            where.add("(" + predicates.render(request.filter()) + ")");
        }
        if (request.partition() != null && request.partition().range() != null) {
            where.add("(" + predicates.render(request.partition().range()) + ")");
        }
        if (condition != null) {
            where.add("(" + condition + ")");
        }
        StringBuilder sql =
                new StringBuilder("SELECT ").append(columns).append(" FROM ").append(from);
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        if (request.limit() != null) {
            sql.append(" LIMIT ").append(request.limit());
        }
        return new BoundStatement(sql.toString(), params);
    }
}
