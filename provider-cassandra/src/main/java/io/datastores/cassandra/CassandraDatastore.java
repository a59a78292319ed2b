package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.ClientDatastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.LazyClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Cassandra cluster as a datastore: keyspaces are its schemas, CQL its query language (with
 * {@code ?} parameters bound through a prepared statement, never spliced). Connecting opens one
 * driver session, which pools its own connections and is shared by every thread.
 */
final class CassandraDatastore extends ClientDatastore {
    private final CassandraSettings settings;
    private final CassandraErrors errors;
    private final CassandraSessions sessions;
    private final CassandraBulkReader reader;
    private final CassandraBulkWriter writer;
    private final CassandraTableCreator creator;

    CassandraDatastore(DatastoreConfig config, Set<Capability> capabilities) {
        super(config, capabilities);
        this.settings = CassandraSettings.of(config);
        this.errors = new CassandraErrors(config, settings);
        this.sessions = new CassandraSessions(config, settings, errors);
        CassandraSchema schema = new CassandraSchema(config, settings, errors, sessions::session);
        this.reader = new CassandraBulkReader(settings, errors, sessions::session, schema);
        this.writer = new CassandraBulkWriter(settings, errors, sessions::session, schema);
        this.creator = new CassandraTableCreator(errors, sessions::session, schema);
    }

    @Override
    protected LazyClient<?> client() {
        return sessions.client();
    }

    @Override
    public QueryResult query(String cql, List<?> params, int maxRows) {
        requirePositive(maxRows);
        return query(cql, params, maxRows, settings.readConsistency());
    }

    @Override
    public long execute(String cql, Object... params) {
        query(cql, List.of(params), Integer.MAX_VALUE, settings.writeConsistency());
        // Cassandra reports no count of rows changed: an INSERT or UPDATE is an upsert.
        return 0;
    }

    private QueryResult query(String cql, List<?> params, int maxRows, String consistency) {
        long start = System.nanoTime();
        CqlSession session = sessions.session();
        try {
            Statement<?> statement = statement(session, cql, params)
                    .setConsistencyLevel(level(consistency))
                    .setPageSize(Math.min(maxRows, 5_000));
            ResultSet result = session.execute(statement);
            List<String> columns = new ArrayList<>();
            for (ColumnDefinition column : result.getColumnDefinitions()) {
                columns.add(column.getName().asInternal());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Row row : result) {
                if (rows.size() == maxRows) {
                    break;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    // isNull first: the driver decodes a NULL collection as an empty one.
                    Object value = row.isNull(i) ? null : row.getObject(i);
                    values.put(columns.get(i), value instanceof ByteBuffer bytes ? bytes(bytes) : value);
                }
                rows.add(values);
            }
            return new QueryResult(columns, rows, rows.size(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            throw errors.classify("Running CQL", e);
        }
    }

    /** Without parameters the text runs as it is; with them it is prepared (the driver caches it) and bound. */
    private Statement<?> statement(CqlSession session, String cql, List<?> params) {
        if (params.isEmpty()) {
            return SimpleStatement.newInstance(cql);
        }
        PreparedStatement prepared = session.prepare(cql);
        if (prepared.getVariableDefinitions().size() != params.size()) {
            throw errors.error(
                    ErrorCode.INVALID_DATA,
                    "The CQL has " + prepared.getVariableDefinitions().size() + " ? parameters but " + params.size()
                            + " values were given");
        }
        BoundStatementBuilder bound = prepared.boundStatementBuilder();
        for (int i = 0; i < params.size(); i++) {
            ColumnDefinition variable = prepared.getVariableDefinitions().get(i);
            try {
                CqlValues.bind(bound, i, variable.getType(), params.get(i));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw errors.error(
                        ErrorCode.INVALID_DATA,
                        "Parameter " + (i + 1) + " (" + variable.getName().asInternal() + "): " + e.getMessage(),
                        e);
            }
        }
        return bound.build();
    }

    static ConsistencyLevel level(String name) {
        return DefaultConsistencyLevel.valueOf(name);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    @Override
    public ConnectionTest test() {
        return ConnectionTest.timed(() -> {
            try {
                CqlSession session = sessions.session();
                Row row = session.execute(SimpleStatement.newInstance("SELECT release_version FROM system.local")
                                .setConsistencyLevel(DefaultConsistencyLevel.ONE))
                        .one();
                return new ConnectionTest.Answer(
                        "Cassandra " + (row == null ? "(unknown version)" : row.getString(0)),
                        settings.keyspace()
                                .orElse(session.getMetadata().getClusterName().orElse("")),
                        sessions.client().connectedAt().orElse(null));
            } catch (RuntimeException e) {
                throw errors.classify("Testing", e);
            }
        });
    }

    /** @return the keyspaces, without Cassandra's own {@code system*} ones */
    @Override
    public List<String> schemas() {
        return sessions.session().refreshSchema().getKeyspaces().keySet().stream()
                .map(CqlIdentifier::asInternal)
                .filter(k -> !k.startsWith("system"))
                .sorted()
                .toList();
    }

    @Override
    public List<TableRef> tables(String schema) {
        CassandraSchema.Keyspace keyspace = reader.schema().keyspace(schema);
        return keyspace.metadata().getTables().keySet().stream()
                .map(CqlIdentifier::asInternal)
                .sorted()
                .map(t -> TableRef.of(keyspace.name(), t))
                .toList();
    }

    @Override
    public TableInfo describe(TableRef table) {
        CassandraSchema.Table described = reader.schema().table(table);
        List<ColumnInfo> columns = new ArrayList<>();
        described
                .metadata()
                .getColumns()
                .values()
                .forEach(column -> columns.add(new ColumnInfo(
                        column.getName().asInternal(),
                        column.getType().asCql(true, true),
                        CqlToArrow.jdbcType(column.getType()),
                        !described.primaryKey().contains(column.getName().asInternal()),
                        null,
                        null)));
        return new TableInfo(described.ref(), columns, described.primaryKey());
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        throw DatastoreException.unsupported(name(), type(), Capability.SCHEMAS);
    }

    /** CQL quotes identifiers in double quotes, as standard SQL does; a quote inside is doubled. */
    @Override
    public String quote(String identifier) {
        return CqlIdentifier.fromInternal(identifier).asCql(false);
    }

    @Override
    public <T> Optional<T> feature(Class<T> type) {
        return firstOf(type, reader, writer, creator);
    }

    @Override
    public String toString() {
        return "CassandraDatastore[" + name() + ", " + settings.where() + ", keyspace "
                + settings.keyspace().orElse("-") + "]";
    }
}
