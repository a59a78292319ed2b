package io.datastores.duckdb;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.jdbc.EmbeddedFile;
import io.datastores.jdbc.JdbcDatastore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * DuckDB, the embedded default: a database file (folders created as needed) or {@code :memory:}.
 * Bulk reads and writes go through DuckDB's Arrow export and import (the Arrow C Data interface);
 * upserts through {@code INSERT … ON CONFLICT}.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no DuckDB class: the driver is named in
 * {@link DuckDbDialect} and loaded on first connect, the bulk classes on first use.
 */
public final class DuckDbDatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.SQL, Capability.TRANSACTIONS,
            Capability.POOLING, Capability.INTROSPECTION, Capability.SCHEMAS, Capability.TEMP_TABLES,
            Capability.EMBEDDED, Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT);

    @Override
    public String type() {
        return "duckdb";
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
        return Set.of("database", "read_only", "memory_limit", "threads");
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(EmbeddedFile.validate(config));
        String readOnly = config.value("read_only", "false");
        if (!readOnly.equals("true") && !readOnly.equals("false")) {
            problems.add(config.problem("read_only", "Must be true or false, got '" + readOnly + "'"));
        }
        return problems;
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        // Lambdas, not method references: the bulk classes (and through them DuckDB's) load on first use.
        return new JdbcDatastore(config, new DuckDbDialect(), CAPABILITIES,
                List.of(datastore -> new DuckDbBulkWriter(datastore), datastore -> new DuckDbBulkReader(datastore)));
    }
}
