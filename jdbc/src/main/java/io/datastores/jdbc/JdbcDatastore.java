package io.datastores.jdbc;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.datastores.api.Capability;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.ConfiguredDatastore;
import io.datastores.api.spi.DatastoreConfig;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A {@link Datastore} over JDBC with a HikariCP pool, shared by every JDBC provider: a provider
 * supplies a {@link JdbcDialect} and its capabilities, and this class does the rest.
 *
 * <p>Thread-safe. The pool (named after the datastore) is created on first use; statements bind
 * every value; driver errors become {@link DatastoreException}s with secrets removed.
 *
 * <p>{@code feature(DataSource.class)} gives a {@link DataSource} on this same pool, for code
 * written against JDBC (JdbcTemplate, jOOQ, Flyway, JPA); a view made by {@link #database}
 * gives one whose connections are in the view's schemas.
 */
public final class JdbcDatastore extends ConfiguredDatastore {
    private final JdbcDialect dialect;
    private final JdbcPool pool;
    private final List<String> schemas;
    private final List<Function<JdbcDatastore, ?>> featureFactories;
    private final Map<Function<JdbcDatastore, ?>, Object> features = new ConcurrentHashMap<>();
    private final DataSource dataSource = new DatastoreDataSource(this);

    /**
     * @param config a validated configuration
     * @param dialect the database's dialect
     * @param capabilities what the provider declares
     */
    public JdbcDatastore(DatastoreConfig config, JdbcDialect dialect, Set<Capability> capabilities) {
        this(config, dialect, capabilities, List.of());
    }

    /**
     * @param config a validated configuration
     * @param dialect the database's dialect
     * @param capabilities what the provider declares
     * @param featureFactories type-specific extras (bulk reader, bulk writer ...), each created on
     *     first request through {@link #feature(Class)}, so their classes load no driver before use;
     *     a {@link io.datastores.api.bulk.TableCreator} using the dialect's types is always added
     */
    public JdbcDatastore(
            DatastoreConfig config,
            JdbcDialect dialect,
            Set<Capability> capabilities,
            List<Function<JdbcDatastore, ?>> featureFactories) {
        this(
                config,
                dialect,
                Set.copyOf(capabilities),
                new JdbcPool(config, dialect),
                List.of(),
                withTableCreator(featureFactories));
    }

    private static List<Function<JdbcDatastore, ?>> withTableCreator(List<Function<JdbcDatastore, ?>> factories) {
        List<Function<JdbcDatastore, ?>> all = new ArrayList<>(factories);
        all.add(JdbcTableCreator::new);
        return List.copyOf(all);
    }

    private JdbcDatastore(
            DatastoreConfig config,
            JdbcDialect dialect,
            Set<Capability> capabilities,
            JdbcPool pool,
            List<String> schemas,
            List<Function<JdbcDatastore, ?>> featureFactories) {
        super(config, capabilities);
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
        this.pool = pool;
        this.schemas = schemas;
        this.featureFactories = featureFactories;
    }

    /** @return the dialect, for provider features that build on this datastore */
    public JdbcDialect dialect() {
        return dialect;
    }

    @Override
    public void connect() {
        pool.start();
    }

    @Override
    public boolean isConnected() {
        return pool.isStarted();
    }

    /** Closes the pool; a view made by {@link #database} leaves the pool to its owner. */
    @Override
    public void close() {
        if (schemas.isEmpty()) {
            pool.stop();
        }
    }

    @Override
    public QueryResult query(String sql, Object... params) {
        return read(sql, params, 0);
    }

    @Override
    public QueryResult query(String sql, List<?> params, int maxRows) {
        if (maxRows <= 0) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
        return read(sql, params.toArray(), maxRows);
    }

    private QueryResult read(String sql, Object[] params, int maxRows) {
        return withConnection("Query failed", connection -> BoundStatements.query(connection, sql, params, maxRows));
    }

    @Override
    public long execute(String sql, Object... params) {
        return withConnection("Statement failed", connection -> BoundStatements.execute(connection, sql, params));
    }

    @Override
    public ConnectionTest test() {
        long start = System.nanoTime();
        try {
            return withConnection("Connection test failed", connection -> {
                if (!connection.isValid(timeoutSeconds())) {
                    // Drivers that connect lazily (clickhouse-jdbc) report a refused server here, at once.
                    long elapsed = elapsedMillis(start);
                    String where = "The connection to " + dialect.location(config());
                    return ConnectionTest.failed(
                            elapsed,
                            elapsed < timeoutSeconds() * 1000L
                                    ? where + " failed its validity check (server unreachable or refusing)"
                                    : where + " did not answer within " + timeoutSeconds() + " s");
                }
                DatabaseMetaData metaData = connection.getMetaData();
                String version = metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion();
                return ConnectionTest.succeeded(
                        elapsedMillis(start), version, connection.getCatalog(), pool.connectedAt());
            });
        } catch (DatastoreException e) {
            return ConnectionTest.failed(elapsedMillis(start), e.getMessage());
        }
    }

    @Override
    public List<String> schemas() {
        return withConnection("Listing schemas failed", connection -> JdbcIntrospection.schemas(connection, dialect));
    }

    @Override
    public List<TableRef> tables(String schema) {
        return withConnection("Listing tables failed", connection -> JdbcIntrospection.tables(connection, schema));
    }

    @Override
    public TableInfo describe(TableRef table) {
        Objects.requireNonNull(table, "table is null");
        return withConnection("Describing " + table + " failed", connection -> describe(connection, table));
    }

    /**
     * Describes a table on a connection the caller holds, as {@link #describe(TableRef)} does, for
     * work that must see the table as its own connection does (a bulk write, inside its session).
     *
     * @param connection a connection from {@link #borrow(String)}
     * @param table the table; no schema means the connection's current one
     * @return the description
     * @throws DatastoreException {@link ErrorCode#NOT_FOUND} when there is no such table
     */
    public TableInfo describe(Connection connection, TableRef table) {
        try {
            return dialect.describe(connection, table)
                    .orElseThrow(() -> DatastoreException.of(
                            ErrorCode.NOT_FOUND,
                            name(),
                            type(),
                            "Table '" + table + "' not found (names are case-sensitive)"));
        } catch (SQLException e) {
            throw translate("Describing " + table + " failed", e);
        }
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        List<String> names = new ArrayList<>();
        names.add(logicalName);
        names.addAll(List.of(more));
        List<String> mapped = new ArrayList<>();
        for (String logical : names) {
            String schema = config().databases().get(logical);
            if (schema == null) {
                throw DatastoreException.of(
                        ErrorCode.NOT_FOUND,
                        name(),
                        type(),
                        "Logical database '" + logical + "' is not declared; declared: "
                                + config().databases().keySet().stream()
                                        .sorted()
                                        .toList());
            }
            mapped.add(schema);
        }
        return new JdbcDatastore(config(), dialect, capabilities(), pool, List.copyOf(mapped), featureFactories);
    }

    @Override
    public <T> Optional<T> feature(Class<T> type) {
        if (type.isInstance(this)) {
            return Optional.of(type.cast(this));
        }
        if (type.isInstance(dataSource)) {
            return Optional.of(type.cast(dataSource));
        }
        for (Function<JdbcDatastore, ?> factory : featureFactories) {
            Object feature = features.computeIfAbsent(factory, f -> f.apply(this));
            if (type.isInstance(feature)) {
                return Optional.of(type.cast(feature));
            }
        }
        return Optional.empty();
    }

    /**
     * Reports this datastore's pool to a HikariCP metrics tracker (such as Micrometer's): the
     * running pool at once, and every pool this datastore starts later (after a {@link #close()}).
     * Views made by {@link #database} share the pool, and so its metrics. HikariCP accepts one
     * tracker per pool, so this may be called once.
     *
     * @param factory the tracker factory; its pool name is this datastore's name
     * @throws IllegalStateException when a tracker is already set
     */
    public void poolMetrics(MetricsTrackerFactory factory) {
        pool.metrics(Objects.requireNonNull(factory, "factory is null"));
    }

    /** @return this datastore's validated configuration, for provider features */
    @Override
    public DatastoreConfig config() {
        return super.config();
    }

    /** @return a secret-free description, such as {@code JdbcDatastore[orders/postgres]} */
    @Override
    public String toString() {
        String scope = schemas.isEmpty() ? "" : " schemas=" + schemas;
        return "JdbcDatastore[" + name() + "/" + type() + scope + "]";
    }

    /** Work done with a pooled connection; may throw {@link SQLException}. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        /**
         * @param connection a pooled connection, already in this datastore's schemas
         * @return the work's result
         * @throws SQLException when the database fails
         */
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs work with a pooled connection, switched to this view's schemas, and returns the
     * connection afterwards. Driver errors become {@link DatastoreException}s.
     *
     * @param doing what the work is, for the error message ("Query failed")
     * @param work the work
     * @param <T> the result type
     * @return the work's result
     */
    public <T> T withConnection(String doing, ConnectionWork<T> work) {
        try (Connection connection = borrow(doing)) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw SqlErrors.translate(config(), dialect, doing, e);
        }
    }

    /**
     * Borrows a pooled connection for work that outlives one call, such as a bulk read that
     * streams batches to its caller. The caller owns the connection and must close it, which
     * returns it to the pool (with its schema restored, for a view made by {@link #database}).
     *
     * @param doing what the connection is for, for the error message
     * @return a connection, already in this datastore's schemas
     * @throws DatastoreException when no connection can be had
     */
    public Connection borrow(String doing) {
        Connection connection = pool.borrow();
        if (schemas.isEmpty()) {
            return connection;
        }
        try {
            String original = connection.getSchema();
            dialect.useSchemas(connection, schemas);
            return SchemaRestoringConnection.wrap(connection, original, pool);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw translate(doing, e);
        }
    }

    /**
     * Takes a borrowed connection out of the pool for good: it is closed instead of reused. For a
     * connection left in an unknown state, such as one whose statement was cancelled (PostgreSQL
     * delivers a cancel asynchronously, so it could otherwise hit the next borrower's statement).
     * The caller still closes the connection as usual.
     *
     * @param connection a connection from {@link #borrow(String)}
     */
    public void discard(Connection connection) {
        pool.evict(SchemaRestoringConnection.discard(connection));
    }

    /**
     * Turns a driver exception into this datastore's {@link DatastoreException}: classified by
     * SQLSTATE, prefixed with the datastore, secrets removed.
     *
     * @param doing what was being done, such as {@code Bulk write into orders failed}
     * @param error the driver's exception
     * @return the exception to throw
     */
    public DatastoreException translate(String doing, SQLException error) {
        return SqlErrors.translate(config(), dialect, doing, error);
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, config().pool().connectTimeout().toSeconds());
    }

    static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Quotes with the dialect's rules. */
    @Override
    public String quote(String identifier) {
        return dialect.quote(identifier);
    }

    /** Qualifies with the dialect's rules. */
    @Override
    public String qualify(TableRef table) {
        return dialect.qualify(table);
    }
}
