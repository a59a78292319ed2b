package io.datastores.jdbc;

import io.datastores.api.ColumnInfo;
import io.datastores.api.TableInfo;
import io.datastores.api.bulk.WriteRequest;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What one bulk write goes into, worked out once before any row moves: the target's description,
 * the target column of each source field (matched by exact name), the columns an upsert updates,
 * and the qualified table name. Public API of {@code datastores-jdbc}; immutable.
 *
 * @param request the write request
 * @param table the target table's description
 * @param schema the source's schema
 * @param columns the target column of each source field, in field order
 * @param updated the written columns outside the upsert key (empty unless the mode is UPSERT)
 * @param qualified the quoted, qualified target table, for SQL
 */
public record WriteTarget(
        WriteRequest request,
        TableInfo table,
        Schema schema,
        List<ColumnInfo> columns,
        List<String> updated,
        String qualified) {

    /**
     * Copies the lists.
     *
     * @param request the write request
     * @param table the target table's description
     * @param schema the source's schema
     * @param columns the target column of each source field, in field order
     * @param updated the written columns outside the upsert key (empty unless the mode is UPSERT)
     * @param qualified the quoted, qualified target table, for SQL
     */
    public WriteTarget {
        columns = List.copyOf(columns);
        updated = List.copyOf(updated);
    }

    /**
     * Matches a source to a described target.
     *
     * @param datastore the target datastore
     * @param table the target's description
     * @param request the write request
     * @param source the batches to write, whose schema is read (not its batches)
     * @return the target
     * @throws io.datastores.api.DatastoreException {@code NOT_FOUND} naming a field the table lacks,
     *     {@code INVALID_DATA} when the source has no columns or an upsert key column is not written
     */
    public static WriteTarget of(JdbcDatastore datastore, TableInfo table, WriteRequest request, ArrowReader source) {
        Schema schema = BulkWrites.schema(source);
        List<ColumnInfo> columns = BulkWrites.targetColumns(datastore, table, schema);
        List<String> updated = BulkWrites.nonKeyColumns(datastore, request, columns);
        return new WriteTarget(
                request, table, schema, columns, updated, datastore.dialect().qualify(request.table()));
    }

    /**
     * @return a fresh name for a staging table (unquoted), for writers that load a temporary table
     *     and merge it into the target
     */
    public static String stageName() {
        return "datastores_stage_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** @return the written columns' names, in field order */
    public List<String> names() {
        return columns.stream().map(ColumnInfo::name).toList();
    }

    /**
     * @param dialect the target's dialect
     * @return the written columns, quoted and joined with {@code ", "}, for column lists in SQL
     */
    public String columnList(JdbcDialect dialect) {
        return columns.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
    }

    /**
     * @param dialect the target's dialect
     * @param columnNames column names
     * @return the names quoted and joined with {@code ", "}
     */
    public static String quoted(JdbcDialect dialect, List<String> columnNames) {
        return columnNames.stream().map(dialect::quote).collect(Collectors.joining(", "));
    }
}
