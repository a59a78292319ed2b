package io.datastores.core;

import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteMode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a transfer will do, column by column, before any row moves: the source type, the Arrow
 * type it travels as, the target type, and every loss that implies.
 *
 * @param source a description of the source ({@code pg: public.orders} or {@code pg: query})
 * @param target the target datastore and table
 * @param createsTable whether the target table will be created
 * @param mode append, overwrite or upsert
 * @param key the upsert key; empty for other modes
 * @param columns one entry per column, in source order
 */
public record TransferPlan(
        String source,
        String target,
        TableRef targetTable,
        boolean createsTable,
        WriteMode mode,
        List<String> key,
        List<ColumnPlan> columns) {

    /**
     * Copies the lists.
     *
     * @param source a description of the source ({@code pg: public.orders} or {@code pg: query})
     * @param target the target datastore and table
     * @param targetTable see the record component
     * @param createsTable whether the target table will be created
     * @param mode append, overwrite or upsert
     * @param key the upsert key; empty for other modes
     * @param columns one entry per column, in source order
     */
    public TransferPlan {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
    }

    /**
     * One column's journey.
     *
     * @param name the column name
     * @param sourceType the source database's type name (or the Arrow type when unknown)
     * @param arrowType the Arrow type the values travel as
     * @param targetType the target column's type (created, existing, or overridden)
     * @param overridden whether the target type came from a per-transfer override
     * @param losses what does not survive, in words; empty when the column moves exactly
     */
    public record ColumnPlan(
            String name,
            String sourceType,
            String arrowType,
            String targetType,
            boolean overridden,
            List<String> losses) {
        /**
         * Copies the list.
         *
         * @param name the column name
         * @param sourceType the source database's type name (or the Arrow type when unknown)
         * @param arrowType the Arrow type the values travel as
         * @param targetType the target column's type (created, existing, or overridden)
         * @param overridden whether the target type came from a per-transfer override
         * @param losses what does not survive, in words; empty when the column moves exactly
         */
        public ColumnPlan {
            losses = List.copyOf(losses);
        }
    }

    /** @return every loss of every column, as {@code column: loss} */
    public List<String> losses() {
        List<String> all = new ArrayList<>();
        columns.forEach(c -> c.losses().forEach(loss -> all.add(c.name() + ": " + loss)));
        return all;
    }

    /** @return a table a person can read: one line per column, losses last */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("copy ")
                .append(source)
                .append(" -> ")
                .append(target)
                .append(createsTable ? " (table will be created)" : " (existing table)")
                .append(", mode ")
                .append(mode.name().toLowerCase(java.util.Locale.ROOT))
                .append(key.isEmpty() ? "" : " by " + key)
                .append('\n');
        int name = "column".length();
        int source = "source type".length();
        int arrow = "arrow".length();
        for (ColumnPlan c : columns) {
            name = Math.max(name, c.name().length());
            source = Math.max(source, c.sourceType().length());
            arrow = Math.max(arrow, c.arrowType().length());
        }
        String format = "  %-" + name + "s  %-" + source + "s  %-" + arrow + "s  %s%n";
        out.append(String.format(format, "column", "source type", "arrow", "target type"));
        for (ColumnPlan c : columns) {
            out.append(String.format(
                    format,
                    c.name(),
                    c.sourceType(),
                    c.arrowType(),
                    c.targetType() + (c.overridden() ? " (override)" : "")));
        }
        List<String> losses = losses();
        out.append(losses.isEmpty() ? "  no losses: every value moves exactly\n" : "  losses:\n");
        losses.forEach(loss -> out.append("    - ").append(loss).append('\n'));
        return out.toString();
    }
}
