package io.datastores.clickhouse;

import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.arrow.UuidType;
import io.datastores.api.bulk.BoundStatement;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.jdbc.JdbcBulkReader;
import io.datastores.jdbc.JdbcDatastore;
import io.datastores.jdbc.ReadSql;
import io.datastores.jdbc.ResultSetArrowReader;
import io.datastores.jdbc.SqlBulkReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads with {@code FORMAT ArrowStream}: the server encodes Arrow itself and the batches are read
 * straight off the HTTP response, one ClickHouse block (at most the request's batch size, through
 * {@code max_block_size}) per batch. A query with bound parameters takes the JDBC result-set path,
 * since the HTTP interface binds only named, typed parameters. Thread-safe.
 */
record ClickHouseBulkReader(JdbcDatastore datastore) implements SqlBulkReader {

    @Override
    public ArrowReader read(ReadRequest request, BufferAllocator allocator) {
        BoundStatement select = ReadSql.select(datastore.dialect(), request, null);
        if (!select.params().isEmpty()) {
            return ResultSetArrowReader.open(datastore, request, allocator, request.batchSize());
        }
        String sql = select.sql();
        String doing = JdbcBulkReader.failure(request);
        Connection connection = datastore.borrow(doing);
        try {
            List<String> names = new ArrayList<>();
            List<String> types = columnTypes(
                    connection,
                    request.table() != null ? datastore.dialect().qualify(request.table()) : "(" + sql + ")",
                    names);
            if (request.table() != null && !request.columns().isEmpty()) {
                project(request.columns(), names, types);
            }
            sql = ReadProjection.wrap(
                    sql,
                    names,
                    types.stream()
                            .map(t -> t.replaceFirst("^" + BINARY_MARK, ""))
                            .toList(),
                    (ClickHouseDialect) datastore.dialect());
            QuerySettings settings = new QuerySettings()
                    .setFormat(ClickHouseFormat.ArrowStream)
                    .serverSetting("max_block_size", String.valueOf(request.batchSize()))
                    .serverSetting("output_format_arrow_string_as_string", "1")
                    // Uncompressed: Arrow's LZ4 codec needs arrow-compression, and HTTP compression can do the same
                    // job.
                    .serverSetting("output_format_arrow_compression_method", "none");
            QueryResponse response = ClickHouseClients.client(connection)
                    .query(sql, settings)
                    .get(datastore.config().pool().connectTimeout().toSeconds() + 3600, TimeUnit.SECONDS);
            return new ResponseReader(response, connection, allocator, types);
        } catch (SQLException e) {
            close(connection, e);
            throw datastore.translate(doing, e);
        } catch (Exception e) {
            close(connection, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw ClickHouseClients.translate(datastore, doing, e);
        }
    }

    private static final String BINARY_MARK = "binary:";

    /**
     * The ClickHouse type of each result column, asked with {@code DESCRIBE} before the read;
     * prefixed with {@link #BINARY_MARK} for a String column commented as binary.
     */
    private static List<String> columnTypes(Connection connection, String what, List<String> names)
            throws SQLException {
        List<String> types = new ArrayList<>();
        // A table's own DESCRIBE carries column comments (the binary mark); a query's does not.
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("DESCRIBE TABLE " + what)) {
            while (rs.next()) {
                names.add(rs.getString("name"));
                boolean binary = ClickHouseTableCreator.BINARY_COMMENT.equals(rs.getString("comment"));
                types.add(binary ? BINARY_MARK + rs.getString("type") : rs.getString("type"));
            }
        }
        return types;
    }

    /** Keeps the described table's columns that a projection asks for, in its order. */
    private static void project(List<String> wanted, List<String> names, List<String> types) {
        List<String> keptTypes = new ArrayList<>();
        for (String column : wanted) {
            int at = names.indexOf(column);
            // A column the table lacks is left to the server, whose error names it.
            keptTypes.add(at < 0 ? "String" : types.get(at));
        }
        names.clear();
        names.addAll(wanted);
        types.clear();
        types.addAll(keptTypes);
    }

    private static void close(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The server's Arrow stream; closing it releases the response and returns the connection. The
     * schema is corrected by the columns' ClickHouse types: the server stamps its own time zone on
     * every timestamp, but a {@code DateTime64} declared without a zone holds wall-clock times, so
     * it is read as a timestamp without zone (the same 64-bit values). Each field carries its
     * ClickHouse type as {@link TableCreator#SOURCE_TYPE}.
     */
    private static final class ResponseReader extends ArrowStreamReader {
        private static final Pattern WALL_CLOCK = Pattern.compile("(Nullable\\()?DateTime(64\\(\\d+\\))?\\)?");
        private final QueryResponse response;
        private final Connection connection;
        private final List<String> types;

        ResponseReader(QueryResponse response, Connection connection, BufferAllocator allocator, List<String> types) {
            super(response.getInputStream(), allocator);
            this.response = response;
            this.connection = connection;
            this.types = types;
        }

        @Override
        protected Schema readSchema() throws IOException {
            Schema schema = super.readSchema();
            if (schema.getFields().size() != types.size()) {
                return schema;
            }
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                Field field = schema.getFields().get(i);
                ArrowType type = field.getType();
                String sourceType = types.get(i);
                if (type instanceof ArrowType.Timestamp timestamp
                        && WALL_CLOCK.matcher(sourceType).matches()) {
                    type = new ArrowType.Timestamp(timestamp.getUnit(), null);
                }
                String inner = ReadProjection.inner(sourceType);
                if (inner.equals("UUID") && type.equals(UuidType.STORAGE)) {
                    type = CanonicalTypes.UUID;
                } else if (inner.startsWith("JSON") && type instanceof ArrowType.Utf8) {
                    // ClickHouse prints its JSON type as the document's text (normalised).
                    type = CanonicalTypes.JSON;
                }
                if (sourceType.startsWith(BINARY_MARK)) {
                    sourceType = sourceType.substring(BINARY_MARK.length());
                    // Same buffers (offsets and bytes) as the UTF-8 the server sends.
                    type = type instanceof ArrowType.Utf8 ? ArrowType.Binary.INSTANCE : type;
                }
                FieldType fieldType = new FieldType(
                        field.isNullable(), type, field.getDictionary(), Map.of(TableCreator.SOURCE_TYPE, sourceType));
                fields.add(new Field(field.getName(), fieldType, field.getChildren()));
            }
            return new Schema(fields, schema.getCustomMetadata());
        }

        @Override
        protected void closeReadSource() throws IOException {
            try (connection) {
                try {
                    super.closeReadSource();
                } finally {
                    response.close();
                }
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
