package io.datastores.starrocks;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.jdbc.JdbcConfigChecks;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.ResultSetArrowReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * StarRocks: SQL, introspection and bulk reads over the MySQL protocol (Connector/J, query port
 * 9030 by default); bulk writes through HTTP Stream Load on the FE's {@code http_port} (8030 by
 * default), in one Stream Load transaction per write unless {@code load_atomic: false}; upserts
 * into PRIMARY KEY tables. Tables a transfer creates are PRIMARY KEY tables when they have a key,
 * DUPLICATE KEY tables otherwise. Stream Load options are set per datastore under
 * {@code connection:} ({@code load_max_filter_ratio}, {@code load_strict_mode}, {@code load_timeout},
 * {@code load_allow_filtered_rows}, {@code load_atomic}, {@code load_batch_bytes}) or per write
 * through {@link StarRocksStreamLoad}.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no Connector/J class and no network.
 */
public final class StarRocksDatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.SQL, Capability.POOLING,
            Capability.INTROSPECTION, Capability.SCHEMAS, Capability.BULK_READ, Capability.BULK_WRITE,
            Capability.UPSERT, Capability.STREAM_LOAD);
    private static final List<String> BOOLEANS = List.of("load_strict_mode", "load_allow_filtered_rows", "load_atomic");

    @Override
    public String type() {
        return "starrocks";
    }

    @Override
    public Category category() {
        return Category.SQL;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> connectionKeys() {
        return Set.of("host", "port", "database", "user", "password", "url", "sslmode", StarRocksBulkWriter.HTTP_PORT,
                "load_max_filter_ratio", "load_strict_mode", "load_timeout", "load_allow_filtered_rows", "load_atomic",
                "load_batch_bytes");
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(JdbcConfigChecks.serverLocation(config, false));
        config.value(StarRocksBulkWriter.HTTP_PORT).ifPresent(port -> {
            if (!port.strip().matches("\\d{1,5}") || Integer.parseInt(port.strip()) < 1
                    || Integer.parseInt(port.strip()) > 65_535) {
                problems.add(config.problem(StarRocksBulkWriter.HTTP_PORT,
                        "Must be a port number between 1 and 65535, got '" + port + "'"));
            }
        });
        for (String key : BOOLEANS) {
            config.value(key).filter(v -> !v.equals("true") && !v.equals("false"))
                    .ifPresent(v -> problems.add(config.problem(key, "Must be true or false, got '" + v + "'")));
        }
        config.value("load_max_filter_ratio").filter(v -> !isRatio(v)).ifPresent(v -> problems.add(
                config.problem("load_max_filter_ratio", "Must be a number between 0 and 1, got '" + v + "'")));
        for (String key : List.of("load_timeout", "load_batch_bytes")) {
            config.value(key).filter(v -> !v.strip().matches("[1-9]\\d{0,15}")).ifPresent(v -> problems.add(
                    config.problem(key, "Must be a positive whole number, got '" + v + "'")));
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

    @Override
    public Datastore open(DatastoreConfig config) {
        // Lambdas, not method references: the writer's and reader's classes load on first use. The
        // table creator comes before the JDBC default one, so StarRocks DDL is what callers get.
        return new JdbcDatastore(config, new StarRocksDialect(), CAPABILITIES, List.of(
                datastore -> new StarRocksBulkWriter(datastore),
                datastore -> (BulkReader) (request, allocator) ->
                        // Connector/J streams row by row at this fetch size, so memory stays at one batch.
                        ResultSetArrowReader.open(datastore, request, allocator, Integer.MIN_VALUE),
                datastore -> new StarRocksTableCreator(datastore)));
    }
}
