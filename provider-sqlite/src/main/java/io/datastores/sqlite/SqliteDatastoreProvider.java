package io.datastores.sqlite;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.bulk.BulkReader;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.jdbc.EmbeddedFile;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.ResultSetArrowReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * SQLite, embedded: one database file (folders created as needed), or {@code :memory:} shared by
 * the pool's connections. SQLite has no schemas, so logical databases are refused. Bulk writes are
 * bound multi-row INSERTs in one transaction; bulk reads stream a result set into Arrow, with
 * dates and times parsed from the text SQLite keeps them in.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no sqlite-jdbc class.
 */
public final class SqliteDatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.SQL, Capability.TRANSACTIONS,
            Capability.POOLING, Capability.INTROSPECTION, Capability.TEMP_TABLES, Capability.EMBEDDED,
            Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT);
    /** sqlite-jdbc reads rows as they are stepped; the fetch size only sizes its row cache. */
    private static final int FETCH_SIZE = 10_000;

    @Override
    public String type() {
        return "sqlite";
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
        return Set.of("database", "busy_timeout", "journal_mode");
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(EmbeddedFile.validate(config));
        String busyTimeout = config.value("busy_timeout", SqliteDialect.DEFAULT_BUSY_TIMEOUT_MS);
        if (!busyTimeout.matches("\\d{1,9}")) {
            problems.add(config.problem("busy_timeout", "Must be a whole number of milliseconds, got '" + busyTimeout + "'"));
        }
        return problems;
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        return new JdbcDatastore(config, new SqliteDialect(), CAPABILITIES, List.of(
                datastore -> new SqliteBulkWriter(datastore),
                datastore -> (BulkReader) (request, allocator) -> ResultSetArrowReader.open(datastore, request,
                        allocator, FETCH_SIZE)));
    }
}
