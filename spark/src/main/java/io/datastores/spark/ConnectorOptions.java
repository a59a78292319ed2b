package io.datastores.spark;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.WriteMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The connector's options, checked once, every problem named at once. They mirror the CLI's
 * {@code copy}: {@code mode}, {@code key}, {@code type}, {@code batchSize} and {@code partitions}
 * ({@code --parallel}). Spark hands option names lower-cased, so every name here is matched
 * without case; values keep theirs.
 *
 * @param config the {@code datastores.yaml} path
 * @param datastore the datastore's name in it
 * @param table the table read or written, or {@code null} when reading a query
 * @param query the query read, or {@code null}
 * @param mode the write mode asked for in the options, or {@code null} to follow Spark's save mode
 * @param key the key columns of an upsert
 * @param columnTypes the types of columns in a target table the connector creates
 * @param batchSize rows per Arrow batch, both ways
 * @param partitions the most partitions a read is split into
 * @param pushdown whether filters and columns go into the structured read (else Spark does all)
 */
record ConnectorOptions(
        String config,
        String datastore,
        TableRef table,
        String query,
        WriteMode mode,
        List<String> key,
        Map<String, String> columnTypes,
        int batchSize,
        int partitions,
        boolean pushdown) {
    static final String CONFIG = "config";
    static final String DATASTORE = "datastore";
    static final String TABLE = "table";
    static final String QUERY = "query";
    static final String MODE = "mode";
    static final String KEY = "key";
    static final String TYPE = "type";
    static final String BATCH_SIZE = "batchsize";
    static final String PARTITIONS = "partitions";
    static final String PUSHDOWN = "pushdown";
    private static final Set<String> KNOWN =
            Set.of(CONFIG, DATASTORE, TABLE, QUERY, MODE, KEY, TYPE, BATCH_SIZE, PARTITIONS, PUSHDOWN, "path");

    /**
     * @param options Spark's options, any case
     * @return the checked options
     * @throws DatastoreException {@code INVALID_CONFIG} listing every problem
     */
    static ConnectorOptions parse(Map<String, String> options) {
        Map<String, String> given = new LinkedHashMap<>();
        options.forEach((k, v) -> given.put(k.toLowerCase(Locale.ROOT), v));
        List<String> problems = new ArrayList<>();
        given.keySet().stream()
                .filter(k -> !KNOWN.contains(k))
                .sorted()
                .forEach(k -> problems.add("Unknown option '" + k + "'; known options: "
                        + String.join(
                                ", ",
                                List.of(
                                        "config",
                                        DATASTORE,
                                        TABLE,
                                        QUERY,
                                        MODE,
                                        KEY,
                                        TYPE,
                                        "batchSize",
                                        PARTITIONS,
                                        PUSHDOWN))));
        String config = given.get(CONFIG);
        if (blank(config)) {
            problems.add("Must specify option 'config' (the path of datastores.yaml)");
        }
        String datastore = given.get(DATASTORE);
        if (blank(datastore)) {
            problems.add("Must specify option 'datastore' (a datastore's name in the configuration)");
        }
        String table = given.get(TABLE);
        String query = given.get(QUERY);
        if (blank(table) == blank(query)) {
            problems.add("Must specify exactly one of options 'table' and 'query'");
        }
        WriteMode mode = null;
        if (given.containsKey(MODE)) {
            try {
                mode = WriteMode.valueOf(given.get(MODE).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("Option 'mode' must be append, overwrite or upsert, not '" + given.get(MODE) + "'");
            }
        }
        List<String> key = blank(given.get(KEY))
                ? List.of()
                : Arrays.stream(given.get(KEY).split(","))
                        .map(String::trim)
                        .filter(k -> !k.isEmpty())
                        .toList();
        if (mode == WriteMode.UPSERT && key.isEmpty()) {
            problems.add("Option 'mode' upsert needs option 'key' (the key columns, comma-separated)");
        }
        Map<String, String> types = new LinkedHashMap<>();
        if (!blank(given.get(TYPE))) {
            for (String entry : given.get(TYPE).split(";")) {
                int equals = entry.indexOf('=');
                if (equals <= 0 || equals == entry.length() - 1) {
                    problems.add("Option 'type' takes COLUMN=TYPE entries separated by ';', not '" + entry + "'");
                } else {
                    types.put(
                            entry.substring(0, equals).trim(),
                            entry.substring(equals + 1).trim());
                }
            }
        }
        int batchSize = positive(given, BATCH_SIZE, "batchSize", ReadRequest.DEFAULT_BATCH_SIZE, problems);
        int partitions = positive(given, PARTITIONS, PARTITIONS, 1, problems);
        String pushdown = given.getOrDefault(PUSHDOWN, "true").trim().toLowerCase(Locale.ROOT);
        if (!pushdown.equals("true") && !pushdown.equals("false")) {
            problems.add("Option 'pushdown' must be true or false, not '" + given.get(PUSHDOWN) + "'");
        }
        if (!problems.isEmpty()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "Invalid options of format(\"datastores\"): " + String.join("; ", problems));
        }
        return new ConnectorOptions(
                config,
                datastore,
                blank(table) ? null : tableRef(table),
                blank(query) ? null : query,
                mode,
                key,
                types,
                batchSize,
                partitions,
                pushdown.equals("true"));
    }

    /** @return the read these options ask for, before Spark's pruning and filters */
    ReadRequest readRequest() {
        return new ReadRequest(table, query, List.of(), batchSize);
    }

    /** @return what the read or write is of, for plans and messages: never a secret */
    String describe() {
        return datastore + "." + (table != null ? table.toString() : "query");
    }

    private static TableRef tableRef(String text) {
        int dot = text.indexOf('.');
        return dot < 0
                ? TableRef.of(text.trim())
                : TableRef.of(
                        text.substring(0, dot).trim(), text.substring(dot + 1).trim());
    }

    private static int positive(
            Map<String, String> given, String key, String name, int fallback, List<String> problems) {
        String value = given.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, as every other problem
        }
        problems.add("Option '" + name + "' must be a positive whole number, not '" + value + "'");
        return fallback;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
