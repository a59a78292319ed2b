package io.datastores.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Creates tables for copies. A Cassandra table needs a primary key: the copy's key becomes the
 * partition key (one partition per key value, so rows spread over the ring and an INSERT of the
 * same key overwrites); without a key the copy is refused, naming the option to set.
 *
 * <p>Two target types are this provider's own and stand for CQL types plus what the table's
 * comment records ({@link CassandraSchema}): {@code decimal(p,s)} is a CQL {@code decimal} read back
 * as {@code Decimal(p, s)}, and {@value #LOCAL_TIMESTAMP} a CQL {@code timestamp} read back without
 * zone. Any other type is used as CQL as it is.
 */
final class CassandraTableCreator implements TableCreator {
    static final String LOCAL_TIMESTAMP = "timestamp without time zone";

    private final CassandraErrors errors;
    private final Supplier<CqlSession> session;
    private final CassandraSchema schema;

    CassandraTableCreator(CassandraErrors errors, Supplier<CqlSession> session, CassandraSchema schema) {
        this.errors = errors;
        this.session = session;
        this.schema = schema;
    }

    @Override
    public Optional<TargetType> columnType(Field field) {
        String recorded = ArrowToCql.recorded(field);
        return ArrowToCql.columnType(field)
                .map(type -> recorded == null
                        ? type
                        : new TargetType(
                                field.getType() instanceof ArrowType.Decimal ? recorded : LOCAL_TIMESTAMP,
                                type.losses()));
    }

    @Override
    public void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey) {
        if (primaryKey.isEmpty()) {
            throw errors.error(
                    ErrorCode.INVALID_CONFIG,
                    "A Cassandra table needs a primary key: give the copy a key "
                            + "(Transfer.key(...), --key on the command line); it becomes the partition key of table '"
                            + table + "'");
        }
        TableRef qualified = TableRef.of(schema.keyspaceName(table.schema()), table.name());
        StringBuilder cql = new StringBuilder("CREATE TABLE ")
                .append(quote(qualified.schema()))
                .append('.')
                .append(quote(qualified.name()))
                .append(" (");
        Map<String, String> recorded = new LinkedHashMap<>();
        for (ColumnDefinition column : columns) {
            cql.append(quote(column.name()))
                    .append(' ')
                    .append(cqlType(column, recorded))
                    .append(", ");
        }
        cql.append("PRIMARY KEY ((");
        cql.append(String.join(
                        ", ",
                        primaryKey.stream().map(CassandraTableCreator::quote).toList()))
                .append(")))");
        if (!recorded.isEmpty()) {
            cql.append(" WITH comment = '")
                    .append(CassandraSchema.encode(recorded).replace("'", "''"))
                    .append('\'');
        }
        try {
            session.get().execute(SimpleStatement.newInstance(cql.toString()));
        } catch (RuntimeException e) {
            throw errors.classify("Creating table '" + qualified + "'", e);
        }
    }

    private static String cqlType(ColumnDefinition column, Map<String, String> recorded) {
        String type = column.type().trim();
        String lower = type.toLowerCase(Locale.ROOT).replace(" ", "");
        if (lower.matches("decimal\\(\\d+,\\d+\\)")) {
            recorded.put(column.name(), lower);
            return "decimal";
        }
        if (lower.equals(LOCAL_TIMESTAMP.replace(" ", ""))) {
            recorded.put(column.name(), CqlToArrow.LOCAL);
            return "timestamp";
        }
        return type;
    }

    private static String quote(String identifier) {
        return CqlIdentifier.fromInternal(identifier).asCql(false);
    }
}
