package io.datastores.sync;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.core.ConfigException;
import io.datastores.core.Placeholders;
import io.datastores.core.YamlDocuments;
import io.datastores.sync.SyncJob.Endpoint;
import io.datastores.sync.SyncJob.Lookback;
import io.datastores.sync.SyncJob.TableOptions;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a sync job's YAML with SnakeYAML's safe constructor (no tags, no duplicate keys, bounded
 * aliases and nesting), resolves placeholders per scalar after parsing, and collects every problem
 * before failing, each naming its key. Not thread-safe; one parser per document.
 */
final class SyncJobParser {
    private static final Set<String> TOP_KEYS = Set.of(
            "name",
            "source_provider",
            "target_provider",
            "sync_interval",
            "tables",
            "batch_size",
            "track_column",
            "enabled",
            "mode",
            "lookback",
            "delete_detection",
            "column_types",
            "safety_lag",
            "time_zone");
    private static final Set<String> BACKEND_KEYS = Set.of("type", "datastore_name", "table", "schema", "connection");
    private static final Set<String> TABLE_KEYS = Set.of("name", "track_column", "primary_key", "column_types", "mode");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private final String source;
    private final Placeholders placeholders;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private String jobName = "sync";

    SyncJobParser(String source, Placeholders placeholders) {
        this.source = source;
        this.placeholders = placeholders;
    }

    SyncJob parse(String yaml) {
        Object document = YamlDocuments.parse(yaml, source);
        if (!(document instanceof Map<?, ?> map) || map.isEmpty()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_CONFIG,
                    "Empty or invalid sync job YAML: " + source
                            + " must hold a mapping with 'source_provider' and 'target_provider'");
        }
        jobName = text("name", map.get("name"), "sync");
        unknownKeys("", map.keySet(), TOP_KEYS);
        Endpoint from = endpoint("source_provider", map.get("source_provider"));
        Endpoint to =
                map.get("target_provider") == null ? null : endpoint("target_provider", map.get("target_provider"));
        List<TableOptions> tables = tables(map.get("tables"));
        if (from != null
                && from.table() != null
                && tables.stream().noneMatch(t -> t.name().equals(from.table()))) {
            tables.add(0, TableOptions.of(from.table()));
        }
        int interval = positive("sync_interval", map.get("sync_interval"), SyncJob.DEFAULT_SYNC_INTERVAL);
        int batchSize = positive("batch_size", map.get("batch_size"), SyncJob.DEFAULT_BATCH_SIZE);
        String trackColumn = text("track_column", map.get("track_column"), SyncJob.DEFAULT_TRACK_COLUMN);
        boolean enabled = bool("enabled", map.get("enabled"), true);
        SyncMode mode = choice("mode", map.get("mode"), SyncMode.class, SyncMode.INCREMENTAL);
        Optional<Lookback> lookback = lookback(map.get("lookback"));
        DeleteDetection deletes =
                choice("delete_detection", map.get("delete_detection"), DeleteDetection.class, DeleteDetection.NONE);
        Map<String, String> columnTypes = stringMap("column_types", map.get("column_types"));
        Optional<Duration> safetyLag = safetyLag(map.get("safety_lag"));
        ZoneId timeZone = timeZone(map.get("time_zone"));
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder("Invalid sync job '" + jobName + "' in ")
                    .append(source)
                    .append(problems.size() == 1 ? " (1 problem):" : " (" + problems.size() + " problems):");
            problems.forEach(
                    p -> message.append("\n  - ").append(p.key()).append(": ").append(p.message()));
            throw new ConfigException(ErrorCode.INVALID_CONFIG, message.toString(), problems);
        }
        return new SyncJob(
                jobName,
                from,
                to,
                tables,
                interval,
                batchSize,
                trackColumn,
                enabled,
                mode,
                lookback,
                deletes,
                columnTypes,
                safetyLag,
                timeZone);
    }

    private Endpoint endpoint(String key, Object raw) {
        if (!(raw instanceof Map<?, ?> provider) || !(provider.get("data_backend") instanceof Map<?, ?> backend)) {
            problem(
                    key + ".data_backend",
                    "Must specify " + key + ".data_backend with 'datastore_name' "
                            + "(a datastore of datastores.yaml) or an inline 'connection'");
            return null;
        }
        unknownKeys(key + ".", provider.keySet(), Set.of("data_backend"));
        String prefix = key + ".data_backend.";
        unknownKeys(prefix, backend.keySet(), BACKEND_KEYS);
        String type = text(prefix + "type", backend.get("type"), "").toLowerCase(Locale.ROOT);
        String datastore = text(prefix + "datastore_name", backend.get("datastore_name"), "");
        Map<String, String> connection = new LinkedHashMap<>();
        Object rawConnection = backend.get("connection");
        if (rawConnection != null) {
            connection = stringMap(prefix + "connection", rawConnection);
        }
        if (datastore.isEmpty() == (rawConnection == null)) {
            problem(prefix + "datastore_name", "Give exactly one of 'datastore_name' and 'connection'");
        } else if (rawConnection != null && type.isEmpty()) {
            problem(prefix + "type", "Must specify type with an inline connection");
        }
        String schema = text(prefix + "schema", backend.get("schema"), null);
        String table = text(prefix + "table", backend.get("table"), null);
        return new Endpoint(type, datastore, connection, schema, table);
    }

    private List<TableOptions> tables(Object raw) {
        List<TableOptions> tables = new ArrayList<>();
        if (raw == null) {
            return tables;
        }
        if (!(raw instanceof List<?> list)) {
            problem("tables", "Must be a list of table names or of mappings with 'name'");
            return tables;
        }
        for (int i = 0; i < list.size(); i++) {
            String key = "tables[" + i + "]";
            Object item = list.get(i);
            if (item instanceof Map<?, ?> table) {
                unknownKeys(key + ".", table.keySet(), TABLE_KEYS);
                String name = text(key + ".name", table.get("name"), "");
                if (name.isEmpty()) {
                    problem(key + ".name", "Must specify the table's name");
                    continue;
                }
                tables.add(new TableOptions(
                        name,
                        text(key + ".track_column", table.get("track_column"), null),
                        stringList(key + ".primary_key", table.get("primary_key")),
                        stringMap(key + ".column_types", table.get("column_types")),
                        table.get("mode") == null
                                ? null
                                : choice(key + ".mode", table.get("mode"), SyncMode.class, null)));
            } else if (item instanceof String) {
                String name = text(key, item, "");
                if (name.isEmpty()) {
                    problem(key, "Table name is empty");
                } else {
                    tables.add(TableOptions.of(name));
                }
            } else {
                problem(key, "Must be a table name or a mapping with 'name'");
            }
        }
        return tables;
    }

    private Optional<Lookback> lookback(Object raw) {
        String text = text("lookback", raw, "").strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Duration> time = duration(text);
            return Optional.of(
                    time.isPresent() ? new Lookback(time.get(), null) : new Lookback(null, new BigDecimal(text)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            problem(
                    "lookback",
                    "Must be a duration such as 10m, 2h, 1d or PT90S (time cursors) or a non-negative "
                            + "number (numeric cursors), got '" + text + "'");
            return Optional.empty();
        }
    }

    private Optional<Duration> safetyLag(Object raw) {
        String text = text("safety_lag", raw, "").strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<Duration> lag = duration(text);
            if (lag.isPresent() && !lag.get().isNegative()) {
                return lag;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem("safety_lag", "Must be a duration such as 30s, 5m, 1h or PT90S, got '" + text + "'");
        return Optional.empty();
    }

    /** @return the duration in short ({@code 10m}) or ISO-8601 form; empty when the text is neither */
    private static Optional<Duration> duration(String text) {
        Matcher shortForm = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return Optional.of(
                    switch (shortForm.group(2)) {
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
        }
        return text.toUpperCase(Locale.ROOT).startsWith("P") ? Optional.of(Duration.parse(text)) : Optional.empty();
    }

    private ZoneId timeZone(Object raw) {
        String text = text("time_zone", raw, "UTC").strip();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            problem("time_zone", "Must be a time zone such as UTC, Europe/Paris or +02:00, got '" + text + "'");
            return ZoneOffset.UTC;
        }
    }

    private String text(String key, Object raw, String defaultValue) {
        if (raw == null) {
            return defaultValue;
        }
        if (raw instanceof Map || raw instanceof List) {
            problem(key, "Must be a single value, not a list or mapping");
            return defaultValue;
        }
        Placeholders.Resolved resolved;
        try {
            resolved = placeholders.resolve(String.valueOf(raw), key);
        } catch (DatastoreException e) {
            problem(key, e.getMessage());
            return defaultValue;
        }
        if (resolved.value().isEmpty() && !resolved.unset().isEmpty()) {
            // ${VAR} unset and without default: say which variable, or the key's own default applies silently.
            if (defaultValue == null || defaultValue.isEmpty()) {
                problem(
                        key,
                        "${" + String.join("}, ${", new TreeSet<>(resolved.unset()))
                                + "} is not set in the environment or .env");
            }
            return defaultValue;
        }
        return resolved.value().isEmpty() ? defaultValue : resolved.value();
    }

    private int positive(String key, Object raw, int defaultValue) {
        String text = text(key, raw, String.valueOf(defaultValue)).strip();
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(key, "Must be a whole number greater than 0, got '" + text + "'");
        return defaultValue;
    }

    private boolean bool(String key, Object raw, boolean defaultValue) {
        String text = text(key, raw, String.valueOf(defaultValue)).strip().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        problem(key, "Must be true or false, got '" + text + "'");
        return defaultValue;
    }

    private <E extends Enum<E>> E choice(String key, Object raw, Class<E> type, E defaultValue) {
        String text = text(key, raw, "").strip();
        if (text.isEmpty()) {
            return defaultValue;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> valid = java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList();
        problem(key, "Must be one of " + String.join(", ", valid) + ", got '" + text + "'");
        return defaultValue;
    }

    private List<String> stringList(String key, Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof List<?> list) {
            List<String> values = new ArrayList<>();
            for (Object item : list) {
                String value = text(key, item, "");
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
            return values;
        }
        String single = text(key, raw, "");
        return single.isEmpty() ? List.of() : List.of(single);
    }

    private Map<String, String> stringMap(String key, Object raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            problem(key, "Must be a mapping");
            return values;
        }
        map.forEach((k, v) -> {
            String value = text(key + "." + k, v, "");
            if (!value.isEmpty()) {
                values.put(String.valueOf(k), value);
            }
        });
        return values;
    }

    private void unknownKeys(String prefix, Set<?> keys, Set<String> known) {
        for (Object key : keys) {
            if (!known.contains(String.valueOf(key))) {
                problem(prefix + key, "Unknown key; valid keys: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private void problem(String key, String message) {
        problems.add(new ConfigProblem(jobName, key, message));
    }
}
