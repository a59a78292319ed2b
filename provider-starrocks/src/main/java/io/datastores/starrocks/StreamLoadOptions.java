package io.datastores.starrocks;

import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.JdbcConfigChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a Stream Load runs. The defaults come from the datastore's {@code connection:} settings
 * ({@code load_max_filter_ratio}, {@code load_strict_mode}, {@code load_timeout} in seconds,
 * {@code load_allow_filtered_rows}, {@code load_atomic}, {@code load_batch_bytes}); a caller
 * changes them per write through {@link StarRocksStreamLoad}.
 *
 * @param transferId names the write: batch labels derive from it ({@code <transferId>_<batch>}),
 *     so a write retried with the same id re-uses its labels and StarRocks refuses to load a batch
 *     twice; letters, digits, {@code _} and {@code -} only, at most 100 characters
 * @param maxFilterRatio the share of rows StarRocks may drop as invalid before failing the load
 *     ({@code max_filter_ratio}, 0 to 1; 0 by default)
 * @param strictMode whether StarRocks filters values that fail conversion instead of storing NULL
 *     ({@code strict_mode}; true by default)
 * @param timeout the server-side load timeout ({@code timeout}), or null for the server's default
 * @param allowFilteredRows whether a load that StarRocks reports as successful but with filtered
 *     rows counts as done; false by default, so dropped rows fail the write with StarRocks' error log
 * @param atomic whether all batches load in one Stream Load transaction (all or nothing; true by
 *     default) or each batch as its own load with its own label
 * @param batchBytes the encoded size at which a batch is sent (one Stream Load, or one load in the
 *     transaction); memory holds one batch
 */
public record StreamLoadOptions(
        String transferId,
        double maxFilterRatio,
        boolean strictMode,
        Duration timeout,
        boolean allowFilteredRows,
        boolean atomic,
        long batchBytes) {

    /** The {@code connection:} keys of Stream Load: the FE's HTTP port and the per-datastore defaults. */
    static final Set<String> KEYS = Set.of(
            StarRocksBulkWriter.HTTP_PORT,
            "load_max_filter_ratio",
            "load_strict_mode",
            "load_timeout",
            "load_allow_filtered_rows",
            "load_atomic",
            "load_batch_bytes");

    /** Checks the Stream Load keys of a configuration, returning every problem. */
    static List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(JdbcConfigChecks.port(config, StarRocksBulkWriter.HTTP_PORT));
        problems.addAll(
                JdbcConfigChecks.booleans(config, "load_strict_mode", "load_allow_filtered_rows", "load_atomic"));
        config.value("load_max_filter_ratio")
                .filter(v -> !isRatio(v))
                .ifPresent(v -> problems.add(
                        config.problem("load_max_filter_ratio", "Must be a number between 0 and 1, got '" + v + "'")));
        for (String key : List.of("load_timeout", "load_batch_bytes")) {
            config.value(key)
                    .filter(v -> !v.strip().matches("[1-9]\\d{0,15}"))
                    .ifPresent(
                            v -> problems.add(config.problem(key, "Must be a positive whole number, got '" + v + "'")));
        }
        return problems;
    }

    private static boolean isRatio(String value) {
        try {
            double ratio = Double.parseDouble(value.strip());
            return ratio >= 0 && ratio <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Checks the values.
     *
     * @param transferId names the write: batch labels derive from it ({@code <transferId>_<batch>}), so a
     *     write retried with the same id re-uses its labels and StarRocks refuses to load a batch twice;
     *     letters, digits, {@code _} and {@code -} only, at most 100 characters
     * @param maxFilterRatio the share of rows StarRocks may drop as invalid before failing the load ({@code
     *     max_filter_ratio}, 0 to 1; 0 by default)
     * @param strictMode whether StarRocks filters values that fail conversion instead of storing NULL ({@code
     *     strict_mode}; true by default)
     * @param timeout the server-side load timeout ({@code timeout}), or null for the server's default
     * @param allowFilteredRows whether a load that StarRocks reports as successful but with filtered rows
     *     counts as done; false by default, so dropped rows fail the write with StarRocks' error log
     * @param atomic whether all batches load in one Stream Load transaction (all or nothing; true by default)
     *     or each batch as its own load with its own label
     * @param batchBytes the encoded size at which a batch is sent (one Stream Load, or one load in the
     *     transaction); memory holds one batch
     */
    public StreamLoadOptions {
        Objects.requireNonNull(transferId, "transferId is null");
        if (!transferId.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException(
                    "transferId must be 1-100 letters, digits, '_' or '-', got '" + transferId + "'");
        }
        if (!(maxFilterRatio >= 0 && maxFilterRatio <= 1)) {
            throw new IllegalArgumentException("maxFilterRatio must be between 0 and 1, got " + maxFilterRatio);
        }
        if (batchBytes < 1) {
            throw new IllegalArgumentException("batchBytes must be positive, got " + batchBytes);
        }
    }

    /**
     * @param id the transfer id to use
     * @return these options with that transfer id
     */
    public StreamLoadOptions withTransferId(String id) {
        return new StreamLoadOptions(id, maxFilterRatio, strictMode, timeout, allowFilteredRows, atomic, batchBytes);
    }

    /**
     * @param allowed whether filtered rows are acceptable
     * @return these options with that setting
     */
    public StreamLoadOptions withAllowFilteredRows(boolean allowed) {
        return new StreamLoadOptions(transferId, maxFilterRatio, strictMode, timeout, allowed, atomic, batchBytes);
    }

    /**
     * @param ratio the share of rows StarRocks may filter
     * @return these options with that ratio
     */
    public StreamLoadOptions withMaxFilterRatio(double ratio) {
        return new StreamLoadOptions(transferId, ratio, strictMode, timeout, allowFilteredRows, atomic, batchBytes);
    }

    /**
     * @param inOneTransaction whether all batches load in one transaction
     * @return these options with that setting
     */
    public StreamLoadOptions withAtomic(boolean inOneTransaction) {
        return new StreamLoadOptions(
                transferId, maxFilterRatio, strictMode, timeout, allowFilteredRows, inOneTransaction, batchBytes);
    }

    /**
     * @param bytes the encoded size at which a batch is sent
     * @return these options with that batch size
     */
    public StreamLoadOptions withBatchBytes(long bytes) {
        return new StreamLoadOptions(transferId, maxFilterRatio, strictMode, timeout, allowFilteredRows, atomic, bytes);
    }
}
