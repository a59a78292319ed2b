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
 * zone. A third, {@code struct<"field" type, …>}, is a {@code frozen} user-defined type that
 * {@link CassandraUdts} names and creates first. Any other type is used as CQL as it is.
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

    /**
     * {@inheritDoc}
     *
     * @throws io.datastores.api.DatastoreException UNSUPPORTED naming the column and field, for an Arrow
     *     Struct that no user-defined type can hold (no fields, or a field with no CQL type)
     */
    @Override
    public Optional<TargetType> columnType(Field field) {
        String recorded = ArrowToCql.recorded(field);
        Optional<TargetType> mapped;
        try {
            mapped = ArrowToCql.columnType(field);
        } catch (IllegalArgumentException e) {
            throw errors.error(
                    ErrorCode.UNSUPPORTED,
                    "No Cassandra column type for Arrow Struct column '" + field.getName() + "': " + e.getMessage()
                            + "; drop the field or give the column a type of your own (columnType(\"" + field.getName()
                            + "\", \"<type>\"), CLI: --type " + field.getName() + "=<type>)");
        }
        return mapped.map(type -> recorded == null
                ? type
                : new TargetType(
                        field.getType() instanceof ArrowType.Decimal ? recorded : LOCAL_TIMESTAMP, type.losses()));
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
        CassandraUdts udts = new CassandraUdts(errors, schema, qualified);
        for (ColumnDefinition column : columns) {
            cql.append(quote(column.name()))
                    .append(' ')
                    .append(cqlType(column, recorded, udts))
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
        udts.create(session.get());
        try {
            session.get().execute(SimpleStatement.newInstance(cql.toString()));
        } catch (RuntimeException e) {
            throw errors.classify("Creating table '" + qualified + "'", e);
        }
    }

    private static String cqlType(ColumnDefinition column, Map<String, String> recorded, CassandraUdts udts) {
        String type = column.type().trim();
        String lower = type.toLowerCase(Locale.ROOT).replace(" ", "");
        if (lower.startsWith("struct<")) {
            return udts.column(column.name(), type);
        }
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

    /** @return the identifier in double quotes, as written in CQL: its case and any character kept */
    static String quote(String identifier) {
        return CqlIdentifier.fromInternal(identifier).asCql(false);
    }
}
