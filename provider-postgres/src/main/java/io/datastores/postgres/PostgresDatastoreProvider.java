package io.datastores.postgres;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.jdbc.JdbcConfigChecks;
import io.datastores.jdbc.JdbcDatastore;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL through pgjdbc: host/port/database or a full {@code url}, TLS options passed through,
 * bulk writes through {@code COPY … FROM STDIN (FORMAT binary)}, bulk reads through
 * {@code COPY … TO STDOUT (FORMAT binary)}, upserts through a temporary staging table.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no pgjdbc class: the driver is named
 * in {@link PostgresDialect} and loaded when the datastore first connects.
 */
public final class PostgresDatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.SQL, Capability.TRANSACTIONS,
            Capability.POOLING, Capability.INTROSPECTION, Capability.SCHEMAS, Capability.TEMP_TABLES,
            Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT);

    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("postgresql");
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
        return Set.of("host", "port", "database", "user", "password", "url", "sslmode", "sslrootcert",
                "application_name");
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        return JdbcConfigChecks.serverLocation(config, false);
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        // Lambdas, not method references: the bulk classes (and through them pgjdbc) load on first use.
        return new JdbcDatastore(config, new PostgresDialect(), CAPABILITIES,
                List.of(datastore -> new PostgresBulkWriter(datastore), datastore -> new PostgresBulkReader(datastore)));
    }
}
