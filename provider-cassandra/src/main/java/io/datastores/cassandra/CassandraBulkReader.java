package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.type.DataType;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.PartitionedRead;
import io.datastores.api.bulk.Predicate;
import io.datastores.api.bulk.Pushdown;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.spi.BaseBulkReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads a table, or the rows of a CQL query, as Arrow batches. A table read is one
 * {@code SELECT} of the asked columns, with what {@link CqlPushdown} lets CQL answer and, for a
 * partition, a {@code token(pk) > ? AND token(pk) <= ?} scan per token range
 * ({@link TokenPartitions}); the driver pages through each result, so memory holds one page and
 * one batch. Thread-safe: every read prepares and runs its own statements.
 */
final class CassandraBulkReader extends BaseBulkReader<CassandraErrors> {
    private final CassandraSettings settings;
    private final Supplier<CqlSession> session;
    private final CassandraSchema schema;

    /** One statement to run, in order; its rows fill the batches. */
    record Scan(PreparedStatement statement, List<Object> values) {}

    CassandraBulkReader(
            CassandraSettings settings, CassandraErrors errors, Supplier<CqlSession> session, CassandraSchema schema) {
        super(errors);
        this.settings = settings;
        this.session = session;
        this.schema = schema;
    }

    CassandraSchema schema() {
        return schema;
    }

    @Override
    protected Pushdown pushdownTable(ReadRequest request) {
        return CqlPushdown.of(request, schema.table(request.table()));
    }

    @Override
    protected PartitionedRead partitionTable(ReadRequest request, int count) {
        schema.table(request.table());
        return tokenMap()
                .map(tokens -> TokenPartitions.split(request, tokens, count))
                .orElseGet(() -> PartitionedRead.single(request));
    }

    private java.util.Optional<TokenMap> tokenMap() {
        return session.get().getMetadata().getTokenMap();
    }

    @Override
    protected ArrowReader readQuery(ReadRequest request, BufferAllocator allocator) {
        CqlSession current = session.get();
        PreparedStatement prepared = current.prepare(request.query());
        List<Field> fields = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (ColumnDefinition column : prepared.getResultSetDefinitions()) {
            fields.add(CqlToArrow.field(column.getName().asInternal(), column.getType(), null, true));
            types.add(column.getType());
        }
        return new CqlRowsReader(
                allocator,
                current,
                errors,
                settings,
                fields,
                types,
                List.of(new Scan(prepared, request.params())),
                request.batchSize());
    }

    @Override
    protected ArrowReader readTable(ReadRequest request, BufferAllocator allocator) {
        CqlSession current = session.get();
        CassandraSchema.Table table = schema.table(request.table());
        List<String> names = request.columns().isEmpty()
                ? table.metadata().getColumns().keySet().stream()
                        .map(CqlIdentifier::asInternal)
                        .toList()
                : request.columns();
        List<Field> fields = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (String name : names) {
            ColumnMetadata column = table.column(name);
            if (column == null) {
                throw errors.error(ErrorCode.NOT_FOUND, "Table '" + table.ref() + "' has no column '" + name + "'");
            }
            fields.add(CqlToArrow.field(
                    name,
                    column.getType(),
                    table.arrowTypes().get(name),
                    !table.primaryKey().contains(name)));
            types.add(column.getType());
        }
        List<Scan> scans = new ArrayList<>();
        if (request.limit() == null || request.limit() > 0) {
            StringBuilder select = new StringBuilder("SELECT ")
                    .append(String.join(
                            ", ", names.stream().map(CassandraBulkReader::quote).toList()))
                    .append(" FROM ")
                    .append(table.qualified());
            List<Object> values = new ArrayList<>();
            String where = where(request.filter(), values);
            if (request.partition() == null) {
                scans.add(scan(current, select, where, request.limit(), values, null, null));
            } else {
                TokenMap tokens = tokenMap()
                        .orElseThrow(() -> errors.error(
                                ErrorCode.INTERNAL,
                                "The driver has no token map to read " + request.describe() + " by"));
                String token = "token("
                        + String.join(
                                ", ",
                                table.partitionKey().stream()
                                        .map(CassandraBulkReader::quote)
                                        .toList()) + ")";
                for (TokenPartitions.Range range : TokenPartitions.ranges(request.partition(), tokens)) {
                    scans.add(scan(current, select, where, request.limit(), values, token, range));
                }
            }
        }
        return new CqlRowsReader(allocator, current, errors, settings, fields, types, scans, request.batchSize());
    }

    /** @param token {@code null}, or the {@code token(...)} expression that must fall in {@code range} */
    private static Scan scan(
            CqlSession current,
            StringBuilder select,
            String where,
            Long limit,
            List<Object> values,
            String token,
            TokenPartitions.Range range) {
        List<String> conditions = new ArrayList<>();
        List<Object> bound = new ArrayList<>(values);
        if (!where.isEmpty()) {
            conditions.add(where);
        }
        if (token != null) {
            conditions.add(token + " > ?");
            bound.add(range.start());
            // A range ending at the ring's minimum token runs to the end of the ring.
            if (range.end().compareTo(range.start()) > 0) {
                conditions.add(token + " <= ?");
                bound.add(range.end());
            }
        }
        String cql = select
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + (limit == null ? "" : " LIMIT " + limit);
        return new Scan(current.prepare(cql), bound);
    }

    /** The pushed predicate as CQL, its literals bound: only what {@link CqlPushdown} pushes reaches here. */
    private String where(Predicate filter, List<Object> values) {
        if (filter == null) {
            return "";
        }
        List<Predicate> parts = filter instanceof Predicate.And and ? and.parts() : List.of(filter);
        List<String> conditions = new ArrayList<>();
        for (Predicate part : parts) {
            if (part instanceof Predicate.Compare c) {
                conditions.add(quote(c.column()) + " " + c.op().sql() + " ?");
                values.add(c.value());
            } else if (part instanceof Predicate.In in) {
                conditions.add(quote(in.column()) + " IN ("
                        + String.join(", ", in.values().stream().map(v -> "?").toList()) + ")");
                values.addAll(in.values());
            } else {
                throw errors.error(
                        ErrorCode.INTERNAL, "CQL cannot answer " + part + "; it should have stayed residual");
            }
        }
        return String.join(" AND ", conditions);
    }

    static void bind(BoundStatementBuilder statement, Scan scan) {
        for (int i = 0; i < scan.values().size(); i++) {
            Object value = scan.values().get(i);
            if (value instanceof com.datastax.oss.driver.api.core.metadata.token.Token token) {
                statement.setToken(i, token);
            } else {
                CqlValues.bind(
                        statement,
                        i,
                        scan.statement().getVariableDefinitions().get(i).getType(),
                        value);
            }
        }
    }

    private static String quote(String identifier) {
        return CqlIdentifier.fromInternal(identifier).asCql(false);
    }
}
