package io.datastores.sync;

import io.datastores.core.ConfigException;
import io.datastores.core.Placeholders;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated sync job: where to read, where to write, which tables, and how. Immutable and
 * thread-safe. Load one from YAML with {@link #load(Path)} or {@link #parse(String, Placeholders)};
 * the formats are those of the shared SPEC (a {@code source_provider.data_backend} that names a
 * datastore, or the older inline {@code connection} form) plus the options documented on each
 * component below.
 *
 * @param name the job's name ({@code name:}, default {@code sync}); it keys the stored state, so
 *     two jobs writing into the same target schema need different names
 * @param source where rows come from
 * @param target where rows go ({@code target_provider.data_backend}, same forms as the source); its
 *     schema also holds the state table. {@code null} when the YAML has none (the SPEC's snippet
 *     names only a source): give one with {@link #withTarget} before creating a {@link Sync}
 * @param tables the tables to sync; empty means every table of the source schema
 * @param syncIntervalMinutes minutes between scheduled runs ({@code sync_interval}, default 15)
 * @param batchSize rows per Arrow batch ({@code batch_size}, default 1000)
 * @param trackColumn the column whose high-water mark drives incremental runs ({@code track_column},
 *     default {@code created_at}); a table may name its own
 * @param enabled whether scheduled runs happen ({@code enabled}, default true); triggers always run
 * @param mode {@code full} or {@code incremental} (default); a table may choose its own
 * @param lookback how far before the stored cursor an incremental run starts reading, to catch rows
 *     committed late with older cursor values; empty for none
 * @param deleteDetection what happens to target rows whose source row was deleted ({@code none} default)
 * @param columnTypes target column types for columns of any table, such as {@code doc: TEXT}
 *     ({@code column_types}); a table's own entries win
 * @param safetyLag how far behind the clock the cursor stays ({@code safety_lag}): the high-water
 *     mark is taken only among rows with {@code track < now - lag}, so rows whose transactions are
 *     still open with recent values are not passed by; empty for none. Time and date track columns only
 * @param timeZone the zone the source writes wall-clock (zoneless) timestamps and dates in
 *     ({@code time_zone}, default UTC); only the safety lag reads the clock with it
 */
public record SyncJob(
        String name,
        Endpoint source,
        Endpoint target,
        List<TableOptions> tables,
        int syncIntervalMinutes,
        int batchSize,
        String trackColumn,
        boolean enabled,
        SyncMode mode,
        Optional<Lookback> lookback,
        DeleteDetection deleteDetection,
        Map<String, String> columnTypes,
        Optional<Duration> safetyLag,
        ZoneId timeZone) {

    /** Default of {@code sync_interval}, in minutes. */
    public static final int DEFAULT_SYNC_INTERVAL = 15;
    /** Default of {@code batch_size}. */
    public static final int DEFAULT_BATCH_SIZE = 1000;
    /** Default of {@code track_column}. */
    public static final String DEFAULT_TRACK_COLUMN = "created_at";

    /**
     * Checks the parts and copies the collections.
     *
     * @param name the job's name ({@code name:}, default {@code sync}); it keys the stored state, so two jobs
     *     writing into the same target schema need different names
     * @param source where rows come from
     * @param target where rows go ({@code target_provider.data_backend}, same forms as the source); its
     *     schema also holds the state table. {@code null} when the YAML has none (the SPEC's snippet names
     *     only a source): give one with {@link #withTarget} before creating a {@link Sync}
     * @param tables the tables to sync; empty means every table of the source schema
     * @param syncIntervalMinutes minutes between scheduled runs ({@code sync_interval}, default 15)
     * @param batchSize rows per Arrow batch ({@code batch_size}, default 1000)
     * @param trackColumn the column whose high-water mark drives incremental runs ({@code track_column},
     *     default {@code created_at}); a table may name its own
     * @param enabled whether scheduled runs happen ({@code enabled}, default true); triggers always run
     * @param mode {@code full} or {@code incremental} (default); a table may choose its own
     * @param lookback how far before the stored cursor an incremental run starts reading, to catch rows
     *     committed late with older cursor values; empty for none
     * @param deleteDetection what happens to target rows whose source row was deleted ({@code none} default)
     * @param columnTypes target column types for columns of any table, such as {@code doc: TEXT} ({@code
     *     column_types}); a table's own entries win
     * @param safetyLag how far behind the clock the cursor stays ({@code safety_lag}): the high-water mark is
     *     taken only among rows with {@code track < now - lag}, so rows whose transactions are still open
     *     with recent values are not passed by; empty for none. Time and date track columns only
     * @param timeZone the zone the source writes wall-clock (zoneless) timestamps and dates in ({@code
     *     time_zone}, default UTC); only the safety lag reads the clock with it
     */
    public SyncJob {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(source, "source is null");
        tables = List.copyOf(tables);
        Objects.requireNonNull(trackColumn, "trackColumn is null");
        Objects.requireNonNull(mode, "mode is null");
        Objects.requireNonNull(lookback, "lookback is null");
        Objects.requireNonNull(deleteDetection, "deleteDetection is null");
        columnTypes = Map.copyOf(columnTypes);
        Objects.requireNonNull(safetyLag, "safetyLag is null");
        Objects.requireNonNull(timeZone, "timeZone is null");
        if (syncIntervalMinutes <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("syncIntervalMinutes and batchSize must be positive");
        }
    }

    /**
     * Reads a job file, resolving {@code ${VAR:default}} from system properties, the environment
     * and a {@code .env} file beside it.
     *
     * @param file the job's YAML
     * @return the job
     * @throws ConfigException naming every bad key
     */
    public static SyncJob load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw io.datastores.api.DatastoreException.of(
                            io.datastores.api.ErrorCode.INVALID_CONFIG,
                            "Cannot read sync job " + file + ": " + e.getMessage())
                    .withCause(e);
        }
        Path dotEnv = file.toAbsolutePath().resolveSibling(".env");
        return parse(yaml, file.toString(), Placeholders.fromEnvironment(Files.isRegularFile(dotEnv) ? dotEnv : null));
    }

    /**
     * @param yaml the job's YAML
     * @param placeholders where {@code ${VAR}} values come from
     * @return the job
     * @throws ConfigException naming every bad key
     */
    public static SyncJob parse(String yaml, Placeholders placeholders) {
        return parse(yaml, "sync job YAML", placeholders);
    }

    private static SyncJob parse(String yaml, String source, Placeholders placeholders) {
        return new SyncJobParser(source, placeholders).parse(yaml);
    }

    /**
     * @param datastoreName a datastore of the registry the {@link Sync} is created with
     * @param schema the target schema, or {@code null} for its default
     * @return a copy of this job writing there
     */
    public SyncJob withTarget(String datastoreName, String schema) {
        return new SyncJob(
                name,
                source,
                new Endpoint("", datastoreName, Map.of(), schema, null),
                tables,
                syncIntervalMinutes,
                batchSize,
                trackColumn,
                enabled,
                mode,
                lookback,
                deleteDetection,
                columnTypes,
                safetyLag,
                timeZone);
    }

    /**
     * @param tableName a table name, exact
     * @return that table's options, when the job lists it
     */
    public Optional<TableOptions> table(String tableName) {
        return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
    }

    /**
     * One side of a job: a datastore and a schema (and, for a source, possibly one table).
     *
     * @param type the datastore type as written ({@code type:}); may be empty when a datastore is named
     * @param datastoreName the datastore of the registry ({@code datastore_name}), or empty for the inline form
     * @param connection the inline form's {@code connection:} settings, placeholders resolved; empty when a
     *     datastore is named
     * @param schema the schema ({@code schema:}), or {@code null} for the datastore's default
     * @param table one table to sync ({@code table:}), or {@code null}
     */
    public record Endpoint(
            String type, String datastoreName, Map<String, String> connection, String schema, String table) {
        /**
         * Copies the connection settings.
         *
         * @param type the datastore type as written ({@code type:}); may be empty when a datastore is named
         * @param datastoreName the datastore of the registry ({@code datastore_name}), or empty for the
         *     inline form
         * @param connection the inline form's {@code connection:} settings, placeholders resolved; empty when
         *     a datastore is named
         * @param schema the schema ({@code schema:}), or {@code null} for the datastore's default
         * @param table one table to sync ({@code table:}), or {@code null}
         */
        public Endpoint {
            Objects.requireNonNull(type, "type is null");
            Objects.requireNonNull(datastoreName, "datastoreName is null");
            connection = Map.copyOf(connection);
        }

        /** @return whether this endpoint brings its own connection rather than naming a datastore */
        public boolean inline() {
            return datastoreName.isEmpty();
        }
    }

    /**
     * One table's settings; what is not given falls back to the job's.
     *
     * @param name the table name, exact (case matters)
     * @param trackColumn its track column, or {@code null} for the job's
     * @param primaryKey its key columns, or empty to use the source table's primary key
     * @param columnTypes its target column type overrides
     * @param mode its mode, or {@code null} for the job's
     */
    public record TableOptions(
            String name, String trackColumn, List<String> primaryKey, Map<String, String> columnTypes, SyncMode mode) {
        /**
         * Copies the collections.
         *
         * @param name the table name, exact (case matters)
         * @param trackColumn its track column, or {@code null} for the job's
         * @param primaryKey its key columns, or empty to use the source table's primary key
         * @param columnTypes its target column type overrides
         * @param mode its mode, or {@code null} for the job's
         */
        public TableOptions {
            Objects.requireNonNull(name, "name is null");
            primaryKey = List.copyOf(primaryKey);
            columnTypes = Map.copyOf(columnTypes);
        }

        /**
         * @param name a table name
         * @return options that take every setting from the job
         */
        public static TableOptions of(String name) {
            return new TableOptions(name, null, List.of(), Map.of(), null);
        }
    }

    /**
     * How far back an incremental run re-reads before the stored cursor: a duration for time and
     * date cursors ({@code lookback: 10m}, {@code 2h}, {@code 1d}, {@code PT90S}) or an amount for
     * numeric cursors ({@code lookback: 500}). Exactly one part is set.
     *
     * @param time the duration, or {@code null}
     * @param amount the amount, or {@code null}
     */
    public record Lookback(Duration time, BigDecimal amount) {
        /**
         * Requires exactly one part, not negative.
         *
         * @param time the duration, or {@code null}
         * @param amount the amount, or {@code null}
         */
        public Lookback {
            if ((time == null) == (amount == null)) {
                throw new IllegalArgumentException("exactly one of time and amount must be given");
            }
            if ((time != null && time.isNegative()) || (amount != null && amount.signum() < 0)) {
                throw new IllegalArgumentException("lookback must not be negative");
            }
        }

        @Override
        public String toString() {
            return time != null ? time.toString() : amount.toPlainString();
        }
    }
}
