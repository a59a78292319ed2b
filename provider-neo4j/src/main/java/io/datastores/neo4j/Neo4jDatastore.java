package io.datastores.neo4j;

import io.datastores.api.Capability;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;

/**
 * A Neo4j database as a datastore: Cypher is its query language (positional {@code ?} parameters
 * bound as {@code $p1} …, see {@link CypherParameters}), node labels and relationship types its
 * tables ({@link Neo4jSchema}). Thread-safe: the driver is shared, every call has its own session.
 */
final class Neo4jDatastore extends ClientDatastore {
    private final Neo4jSettings settings;
    private final Neo4jErrors errors;
    private final Neo4jDriver driver;
    private final Neo4jSchema schema;
    private final Neo4jBulkReader reader;
    private final Neo4jBulkWriter writer;
    private final Neo4jTableCreator creator;

    Neo4jDatastore(DatastoreConfig config, Set<Capability> capabilities) {
        super(config, capabilities);
        this.settings = Neo4jSettings.of(config);
        this.errors = new Neo4jErrors(config, settings);
        this.driver = new Neo4jDriver(config, settings, errors);
        this.schema = new Neo4jSchema(errors, cypher -> driver.run(cypher, Map.of()));
        this.reader = new Neo4jBulkReader(errors, driver, schema);
        this.writer = new Neo4jBulkWriter(settings, errors, driver, schema);
        this.creator = new Neo4jTableCreator(errors, driver);
    }

    @Override
    protected LazyClient<?> client() {
        return driver.client();
    }

    @Override
    public QueryResult query(String cypher, List<?> params, int maxRows) {
        requirePositive(maxRows);
        long start = System.nanoTime();
        CypherParameters.Named named = named(cypher, params);
        try (Session session = driver.session()) {
            Result result = session.run(named.cypher(), named.parameters());
            List<String> columns = result.keys();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rows.size() < maxRows && result.hasNext()) {
                Record record = result.next();
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : columns) {
                    row.put(column, record.get(column).asObject());
                }
                rows.add(row);
            }
            result.consume();
            return new QueryResult(columns, rows, rows.size(), (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            throw errors.classify("Running Cypher", e);
        }
    }

    @Override
    public long execute(String cypher, Object... params) {
        CypherParameters.Named named = named(cypher, List.of(params));
        try (Session session = driver.session()) {
            var counters =
                    session.run(named.cypher(), named.parameters()).consume().counters();
            return counters.nodesCreated()
                    + counters.nodesDeleted()
                    + counters.relationshipsCreated()
                    + counters.relationshipsDeleted()
                    + counters.propertiesSet();
        } catch (RuntimeException e) {
            throw errors.classify("Running Cypher", e);
        }
    }

    private CypherParameters.Named named(String cypher, List<?> params) {
        try {
            return CypherParameters.of(cypher, params);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw errors.error(ErrorCode.INVALID_DATA, e.getMessage(), e);
        }
    }

    @Override
    public ConnectionTest test() {
        return ConnectionTest.timed(() -> {
            Record component = driver.run(
                            "CALL dbms.components() YIELD name, versions, edition "
                                    + "RETURN name, versions[0] AS version, edition",
                            Map.of())
                    .get(0);
            String version = component.get("name").asString() + " "
                    + component.get("version").asString() + " ("
                    + component.get("edition").asString() + ")";
            return new ConnectionTest.Answer(
                    version,
                    settings.database().orElse("(default database)"),
                    driver.client().connectedAt().orElse(null));
        });
    }

    /** @return {@code nodes} (labels) and {@code relationships} (relationship types) */
    @Override
    public List<String> schemas() {
        return List.of(Neo4jSchema.NODES, Neo4jSchema.RELATIONSHIPS);
    }

    @Override
    public List<TableRef> tables(String schemaName) {
        return schema.tables(schemaName);
    }

    @Override
    public TableInfo describe(TableRef table) {
        Neo4jSchema.Table described = schema.table(table);
        List<String> key =
                described.relationship() && described.between() == null ? List.of(Neo4jSchema.ID) : described.key();
        return new TableInfo(described.ref(), described.columns(), key);
    }

    /**
     * Like every datastore's, except that a node label without nodes is absent: Neo4j has no
     * columns to keep, so a label whose nodes were all deleted would otherwise describe as its key
     * alone (from the constraint left behind) and refuse a copy's other columns. A copy then plans
     * it as a new label, whose constraint on the same key already exists.
     */
    @Override
    public Optional<TableInfo> describeIfExists(TableRef table) {
        connect();
        return schema.holdsEntities(table) ? super.describeIfExists(table) : Optional.empty();
    }

    @Override
    public Datastore database(String logicalName, String... more) {
        throw DatastoreException.unsupported(name(), type(), Capability.SCHEMAS);
    }

    /** Cypher quotes names in backquotes; a backquote inside is doubled. */
    @Override
    public String quote(String identifier) {
        return Neo4jSchema.quote(identifier);
    }

    @Override
    public String qualify(TableRef table) {
        return quote(table.name());
    }

    @Override
    public <T> Optional<T> feature(Class<T> type) {
        return firstOf(type, reader, writer, creator);
    }

    @Override
    public String toString() {
        return "Neo4jDatastore[" + name() + ", " + settings.where() + ", database "
                + settings.database().orElse("(default)") + "]";
    }
}
