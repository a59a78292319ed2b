package io.datastores.mongodb;

import io.datastores.api.Capability;
import io.datastores.api.ColumnInfo;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.ClientDatastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.LazyClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A MongoDB deployment as a datastore: databases are its schemas, collections its tables, a database
 * command as Extended JSON its query language ({@link MongoCommands}: {@code ?} parameters bound as BSON
 * values, never spliced). Connecting makes one driver client, which pools its own connections and is
 * shared by every thread.
 */
final class MongoDatastore extends ClientDatastore {
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    private final MongoSettings settings;
    private final MongoErrors errors;
    private Parts parts;

    /** What does the work, made on first use so that opening a datastore loads no driver or BSON class. */
    private record Parts(
            MongoConnection connection,
            MongoCatalog catalog,
            MongoCommands commands,
            MongoBulkReader reader,
            MongoBulkWriter writer,
            MongoTableCreator creator) {}

    MongoDatastore(DatastoreConfig config, Set<Capability> capabilities) {
        super(config, capabilities);
        this.settings = MongoSettings.of(config);
        this.errors = new MongoErrors(config, settings);
    }

    private synchronized Parts parts() {
        if (parts == null) {
            MongoConnection connection = new MongoConnection(config(), settings, errors);
            MongoCatalog catalog = new MongoCatalog(settings, errors, connection);
            MongoCommands commands = new MongoCommands(settings, errors, connection);
            parts = new Parts(
                    connection,
                    catalog,
                    commands,
                    new MongoBulkReader(errors, catalog, commands),
                    new MongoBulkWriter(settings, errors, catalog, connection),
                    new MongoTableCreator(errors, catalog));
        }
        return parts;
    }

    @Override
    protected LazyClient<?> client() {
        return parts().connection().client();
    }

    /** Before the first use nothing is made: {@link #isConnected()} and {@link #close()} load no driver class. */
    @Override
    protected synchronized Optional<LazyClient<?>> madeClient() {
        return parts == null ? Optional.empty() : Optional.of(parts.connection().client());
    }

    /**
     * Runs a database command (Extended JSON, {@code ?} for each parameter) and returns its documents as
     * rows: the documents of a cursor reply, or the reply itself. Columns are the documents' top-level
     * fields in order of first appearance; values are plain Java (ObjectId as its hex text, Decimal128
     * as BigDecimal, a date as Instant, a document as a Map, an array as a List).
     */
    @Override
    public QueryResult query(String command, List<?> params, int maxRows) {
        requirePositive(maxRows);
        try {
            return parts().commands().query(command, params, maxRows);
        } catch (RuntimeException e) {
            throw errors.classify("Running the command", e);
        }
    }

    /** Runs a database command; @return the count it reports ({@code n}: documents inserted, matched or deleted), or 0 */
    @Override
    public long execute(String command, Object... params) {
        try {
            return parts().commands().execute(command, List.of(params));
        } catch (RuntimeException e) {
            throw errors.classify("Running the command", e);
        }
    }

    @Override
    public ConnectionTest test() {
        // parts() connects: a refused connection is a failed test, not an exception.
        return ConnectionTest.timed(() -> parts().commands().probe());
    }

    /** @return the databases, without MongoDB's own {@code admin}, {@code local} and {@code config} */
    @Override
    public List<String> schemas() {
        try {
            return parts().connection().client().get().listDatabaseNames().into(new ArrayList<>()).stream()
                    .filter(d -> !SYSTEM_DATABASES.contains(d))
                    .sorted()
                    .toList();
        } catch (RuntimeException e) {
            throw errors.classify("Listing databases", e);
        }
    }

    /** @return the collections, without {@code system.*} ones and the recorded schemas */
    @Override
    public List<TableRef> tables(String schema) {
        String database = schema == null ? settings.database() : schema;
        try {
            return parts().connection().database(database).listCollectionNames().into(new ArrayList<>()).stream()
                    .filter(c -> !c.startsWith("system.") && !c.equals(MongoCatalog.SCHEMAS))
                    .sorted()
                    .map(c -> TableRef.of(database, c))
                    .toList();
        } catch (RuntimeException e) {
            throw errors.classify("Listing collections", e);
        }
    }

    @Override
    public TableInfo describe(TableRef table) {
        MongoTable described = parts().catalog().table(table);
        List<ColumnInfo> columns = new ArrayList<>();
        for (MongoTable.Column column : described.columns()) {
            boolean decimal = MongoTypes.isDecimal(column.type());
            columns.add(new ColumnInfo(
                    column.name(),
                    column.type(),
                    MongoTypes.jdbcType(column.type()),
                    column.nullable(),
                    decimal ? MongoTypes.precision(column.type()) : null,
                    decimal ? MongoTypes.scale(column.type()) : null));
        }
        return new TableInfo(described.ref(), columns, described.key());
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        throw DatastoreException.unsupported(name(), type(), Capability.SCHEMAS);
    }

    /** Field names are taken literally by the driver: nothing to quote; returned as they are. */
    @Override
    public String quote(String identifier) {
        return identifier;
    }

    @Override
    public <T> Optional<T> feature(Class<T> type) {
        Parts made = parts();
        return firstOf(type, made.reader(), made.writer(), made.creator());
    }

    @Override
    public String toString() {
        return "MongoDatastore[" + name() + ", " + settings.where() + ", database " + settings.database() + "]";
    }
}
