package io.datastores.mysql;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import io.datastores.jdbc.JdbcConfigChecks;
import io.datastores.jdbc.JdbcDatastore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * MySQL 8 and MariaDB through Connector/J: host/port/database or a full {@code url}; bulk writes
 * through {@code LOAD DATA LOCAL INFILE} streamed from Arrow batches (multi-row INSERT when the
 * server has {@code local_infile} off, or {@code connection.local_infile: false}); upserts through
 * {@code ON DUPLICATE KEY UPDATE}; bulk reads from a streaming result set.
 *
 * <p>Stateless and thread-safe. Opening a datastore touches no Connector/J class.
 */
public final class MySqlDatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.SQL, Capability.TRANSACTIONS,
            Capability.POOLING, Capability.INTROSPECTION, Capability.SCHEMAS, Capability.TEMP_TABLES,
            Capability.BULK_READ, Capability.BULK_WRITE, Capability.UPSERT);

    @Override
    public String type() {
        return "mysql";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("mariadb");
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
        return Set.of("host", "port", "database", "user", "password", "url", "sslmode", MySqlDialect.LOCAL_INFILE);
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(JdbcConfigChecks.serverLocation(config, false));
        String localInfile = config.value(MySqlDialect.LOCAL_INFILE, "true");
        if (!localInfile.equals("true") && !localInfile.equals("false")) {
            problems.add(config.problem(MySqlDialect.LOCAL_INFILE, "Must be true or false, got '" + localInfile + "'"));
        }
        return problems;
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        // Lambdas, not method references: the bulk classes (and through them Connector/J) load on first use.
        return new JdbcDatastore(config, new MySqlDialect(), CAPABILITIES,
                List.of(datastore -> new MySqlBulkWriter(datastore), datastore -> new MySqlBulkReader(datastore)));
    }
}
