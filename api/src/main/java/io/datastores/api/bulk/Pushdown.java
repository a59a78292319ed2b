package io.datastores.api.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How much of a structured read a {@link BulkReader} does itself; the caller's side
 * ({@code io.datastores.core.Reads}) does the rest on the Arrow batches, so every datastore
 * answers the same rows for the same request.
 *
 * @param pushed the part of the filter the reader evaluates exactly, or {@code null} for none
 * @param residual the part it leaves to the caller, or {@code null} for none
 * @param columns whether the reader returns only the requested columns, in their order
 * @param limit whether the reader stops after the requested number of rows (only meaningful
 *     when nothing is residual)
 */
public record Pushdown(Predicate pushed, Predicate residual, boolean columns, boolean limit) {

    /**
     * @param request a read
     * @return everything done by the reader: filter, columns and limit
     */
    public static Pushdown all(ReadRequest request) {
        return new Pushdown(request.filter(), null, true, true);
    }

    /**
     * @param request a read
     * @return nothing done by the reader: it returns every row and column of the table
     */
    public static Pushdown none(ReadRequest request) {
        return new Pushdown(null, request.filter(), false, false);
    }

    /**
     * Splits a filter at its top-level {@code AND}s: each conjunct the reader can evaluate is pushed,
     * the others stay residual. For readers that understand some predicates only.
     *
     * @param request a read
     * @param pushable whether the reader evaluates one conjunct exactly
     * @param columns whether the reader applies the projection
     * @return the split; the limit is pushed only when nothing is residual
     */
    public static Pushdown split(ReadRequest request, Function<Predicate, Boolean> pushable, boolean columns) {
        if (request.filter() == null) {
            return new Pushdown(null, null, columns, columns);
        }
        List<Predicate> conjuncts =
                request.filter() instanceof Predicate.And and ? and.parts() : List.of(request.filter());
        List<Predicate> pushed = new ArrayList<>();
        List<Predicate> residual = new ArrayList<>();
        for (Predicate conjunct : conjuncts) {
            (pushable.apply(conjunct) ? pushed : residual).add(conjunct);
        }
        return new Pushdown(combine(pushed), combine(residual), columns, columns && residual.isEmpty());
    }

    private static Predicate combine(List<Predicate> parts) {
        return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : new Predicate.And(parts);
    }
}
