package io.datastores.cassandra;

import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which conjuncts of a read's filter CQL can answer without {@code ALLOW FILTERING} (never added):
 * {@code =} or a non-empty {@code IN} on every partition key column, and then comparisons on the
 * first clustering column. Everything else, and everything in a token-range partition (CQL does
 * not mix a token restriction with one on the partition key), is left to core as the residual.
 * Projection is always pushed.
 */
final class CqlPushdown {
    private CqlPushdown() {}

    static Pushdown of(ReadRequest request, CassandraSchema.Table table) {
        if (request.partition() != null || request.filter() == null) {
            return Pushdown.split(request, p -> false, true);
        }
        List<Predicate> conjuncts =
                request.filter() instanceof Predicate.And and ? and.parts() : List.of(request.filter());
        Set<String> restricted = conjuncts.stream()
                .filter(CqlPushdown::keyLookup)
                .map(CqlPushdown::column)
                .collect(Collectors.toSet());
        if (!restricted.containsAll(table.partitionKey())) {
            return new Pushdown(null, request.filter(), true, false);
        }
        String firstClustering =
                table.primaryKey().size() > table.partitionKey().size()
                        ? table.primaryKey().get(table.partitionKey().size())
                        : null;
        List<String> seen = new ArrayList<>();
        return Pushdown.split(
                request,
                p -> {
                    String column = column(p);
                    boolean pushable = table.partitionKey().contains(column)
                            ? keyLookup(p)
                            : column != null
                                    && column.equals(firstClustering)
                                    && p instanceof Predicate.Compare c
                                    && c.op() != Predicate.Op.NE;
                    // One restriction per partition key column: CQL refuses a second.
                    if (pushable && table.partitionKey().contains(column)) {
                        if (seen.contains(column)) {
                            return false;
                        }
                        seen.add(column);
                    }
                    return pushable;
                },
                true);
    }

    private static boolean keyLookup(Predicate p) {
        return p instanceof Predicate.Compare c && c.op() == Predicate.Op.EQ
                || p instanceof Predicate.In in && !in.values().isEmpty();
    }

    private static String column(Predicate p) {
        return p instanceof Predicate.Compare c ? c.column() : p instanceof Predicate.In in ? in.column() : null;
    }
}
