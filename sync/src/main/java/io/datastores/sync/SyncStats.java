package io.datastores.sync;

import java.util.List;

/**
 * What one run did.
 *
 * @param tables one entry per table, in run order
 * @param durationMillis wall time of the whole run
 */
public record SyncStats(List<TableStats> tables, long durationMillis) {

    /**
     * Copies the list.
     *
     * @param tables one entry per table, in run order
     * @param durationMillis wall time of the whole run
     */
    public SyncStats {
        tables = List.copyOf(tables);
    }

    /** @return records written over all tables (re-sent rows count again) */
    public long records() {
        return tables.stream().mapToLong(TableStats::records).sum();
    }

    /** @return the tables that failed */
    public List<TableStats> failed() {
        return tables.stream().filter(t -> t.error() != null).toList();
    }

    /**
     * One table's part of a run.
     *
     * @param table the table name
     * @param records records written by this run
     * @param createdTable whether this run created the target table
     * @param error the error, or {@code null} when the table synced
     * @param durationMillis wall time for this table
     */
    public record TableStats(String table, long records, boolean createdTable, String error, long durationMillis) {}
}
