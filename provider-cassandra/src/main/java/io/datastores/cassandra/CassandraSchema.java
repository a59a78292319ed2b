package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreConfig;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Keyspaces and tables from the driver's schema metadata. The metadata is refreshed once when a
 * name is not found, since another client may have created it since the last refresh.
 *
 * <p>A table this provider creates records, in its {@code comment}, the Arrow type of each column
 * whose CQL type is wider than what was written ({@code decimal(12, 2)} into {@code decimal}, a
 * timestamp without zone into {@code timestamp}), so reading it back gives the same Arrow type.
 * The comment looks like {@code datastores column types: amount=decimal%2812%2C2%29&local_ts=local}.
 */
final class CassandraSchema {
    static final String MARKER = "datastores column types: ";

    private final DatastoreConfig config;
    private final CassandraSettings settings;
    private final CassandraErrors errors;
    private final Supplier<CqlSession> session;

    /** A keyspace and its metadata. */
    record Keyspace(String name, KeyspaceMetadata metadata) {}

    /**
     * A table, its metadata and what its comment records.
     *
     * @param ref the table, with its keyspace
     * @param metadata the driver's metadata
     * @param primaryKey partition key columns, then clustering columns, in order
     * @param partitionKey the partition key columns, in order
     * @param arrowTypes the recorded Arrow types by column name (see the class comment)
     */
    record Table(
            TableRef ref,
            TableMetadata metadata,
            List<String> primaryKey,
            List<String> partitionKey,
            Map<String, String> arrowTypes) {

        ColumnMetadata column(String name) {
            return metadata.getColumn(CqlIdentifier.fromInternal(name)).orElse(null);
        }

        /** @return the quoted {@code keyspace.table} */
        String qualified() {
            return CqlIdentifier.fromInternal(ref.schema()).asCql(false) + "."
                    + CqlIdentifier.fromInternal(ref.name()).asCql(false);
        }
    }

    CassandraSchema(
            DatastoreConfig config, CassandraSettings settings, CassandraErrors errors, Supplier<CqlSession> session) {
        this.config = config;
        this.settings = settings;
        this.errors = errors;
        this.session = session;
    }

    /** @param schema a keyspace, or {@code null} for the configured one */
    String keyspaceName(String schema) {
        if (schema != null) {
            return schema;
        }
        return settings.keyspace()
                .orElseThrow(() -> errors.error(
                        ErrorCode.INVALID_CONFIG,
                        "No keyspace given: name the "
                                + "table's keyspace (keyspace.table) or set connection.keyspace of datastore '"
                                + config.name() + "'"));
    }

    Keyspace keyspace(String schema) {
        String name = keyspaceName(schema);
        CqlIdentifier id = CqlIdentifier.fromInternal(name);
        Optional<KeyspaceMetadata> found =
                metadata(false).getKeyspace(id).or(() -> metadata(true).getKeyspace(id));
        return new Keyspace(
                name,
                found.orElseThrow(() -> errors.error(ErrorCode.NOT_FOUND, "Keyspace '" + name + "' does not exist")));
    }

    Optional<Table> find(TableRef table) {
        String keyspace = keyspaceName(table.schema());
        CqlIdentifier ks = CqlIdentifier.fromInternal(keyspace);
        CqlIdentifier name = CqlIdentifier.fromInternal(table.name());
        Optional<TableMetadata> found = metadata(false)
                .getKeyspace(ks)
                .flatMap(k -> k.getTable(name))
                .or(() -> metadata(true).getKeyspace(ks).flatMap(k -> k.getTable(name)));
        return found.map(metadata -> table(TableRef.of(keyspace, table.name()), metadata));
    }

    /** @return the user-defined type {@code name} of {@code keyspace}, looked for again after a refresh */
    Optional<UserDefinedType> userType(String keyspace, String name) {
        CqlIdentifier ks = CqlIdentifier.fromInternal(keyspace);
        CqlIdentifier type = CqlIdentifier.fromInternal(name);
        return metadata(false)
                .getKeyspace(ks)
                .flatMap(k -> k.getUserDefinedType(type))
                .or(() -> metadata(true).getKeyspace(ks).flatMap(k -> k.getUserDefinedType(type)));
    }

    Table table(TableRef table) {
        return find(table)
                .orElseThrow(() -> errors.error(
                        ErrorCode.NOT_FOUND,
                        "Table '" + keyspaceName(table.schema()) + "." + table.name()
                                + "' does not exist (names are case-sensitive)"));
    }

    private Metadata metadata(boolean refresh) {
        CqlSession current = session.get();
        try {
            return refresh ? current.refreshSchema() : current.getMetadata();
        } catch (RuntimeException e) {
            throw errors.classify("Reading the schema", e);
        }
    }

    private static Table table(TableRef ref, TableMetadata metadata) {
        List<String> partition = metadata.getPartitionKey().stream()
                .map(c -> c.getName().asInternal())
                .toList();
        List<String> key = new ArrayList<>(partition);
        metadata.getClusteringColumns()
                .keySet()
                .forEach(c -> key.add(c.getName().asInternal()));
        Object comment = metadata.getOptions().get(CqlIdentifier.fromCql("comment"));
        return new Table(ref, metadata, key, partition, decode(comment == null ? "" : comment.toString()));
    }

    static String encode(Map<String, String> arrowTypes) {
        StringBuilder text = new StringBuilder(MARKER);
        arrowTypes.forEach((column, type) -> {
            if (text.length() > MARKER.length()) {
                text.append('&');
            }
            text.append(URLEncoder.encode(column, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(type, StandardCharsets.UTF_8));
        });
        return text.toString();
    }

    static Map<String, String> decode(String comment) {
        Map<String, String> types = new LinkedHashMap<>();
        if (!comment.startsWith(MARKER)) {
            return types;
        }
        for (String pair : comment.substring(MARKER.length()).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                types.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return types;
    }
}
