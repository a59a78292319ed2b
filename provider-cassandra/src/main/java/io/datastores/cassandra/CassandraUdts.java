package io.datastores.cassandra;

import static io.datastores.cassandra.CassandraTableCreator.quote;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-defined types one new table's {@code struct<…>} columns need, named and created before
 * the table. The type of column {@code c} of table {@code t} is {@code t_c}, a struct field {@code f}
 * inside it {@code t_c_f}, and so on down; a nested one is created first and used as
 * {@code frozen<t_c_f>}. The name is the same on every run, so a table dropped and copied again
 * finds its types there ({@code CREATE TYPE IF NOT EXISTS}), but different paths can share one
 * ({@code t_a} column {@code b_c} and {@code t_a_b} column {@code c}): a type that exists with other
 * fields or field types is never used, the copy fails naming it instead.
 */
final class CassandraUdts {
    private final CassandraErrors errors;
    private final CassandraSchema schema;
    private final TableRef table;
    private final Map<String, Udt> planned = new LinkedHashMap<>();

    /**
     * One type to create.
     *
     * @param column the column of the table that needs it
     * @param path the column and the fields down to this type, dot-separated
     * @param name the type's name
     * @param fields its field names
     * @param types each field's type as CQL
     * @param shapes each field's {@link CqlTypeText#shape}
     */
    private record Udt(
            String column,
            String path,
            String name,
            List<CqlIdentifier> fields,
            List<String> types,
            List<String> shapes) {
        boolean sameShape(List<CqlIdentifier> otherFields, List<String> otherShapes) {
            return fields.equals(otherFields) && shapes.equals(otherShapes);
        }
    }

    /** @param table the new table, with its keyspace */
    CassandraUdts(CassandraErrors errors, CassandraSchema schema, TableRef table) {
        this.errors = errors;
        this.schema = schema;
        this.table = table;
    }

    /**
     * Plans the types of one column; nothing is created yet.
     *
     * @param type the column's type, a {@code struct<…>}
     * @return the column's CQL type, {@code frozen<t_c>}
     */
    String column(String column, String type) {
        CqlTypeText struct;
        try {
            struct = CqlTypeText.parse(type);
        } catch (IllegalArgumentException e) {
            throw errors.error(
                    ErrorCode.INVALID_CONFIG,
                    "Column '" + column + "' of table '" + table + "' has type '" + type
                            + "', which cannot be read as struct<\"field\" type, ...>: " + e.getMessage());
        }
        return plan(column, column, table.name() + "_" + column, struct);
    }

    private String plan(String column, String path, String name, CqlTypeText struct) {
        List<CqlIdentifier> fields = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i < struct.fields().size(); i++) {
            CqlIdentifier field = CqlIdentifier.fromCql(struct.fields().get(i));
            CqlTypeText type = struct.arguments().get(i);
            fields.add(field);
            if (type.isStruct()) {
                String inner = name + "_" + field.asInternal();
                types.add(plan(column, path + "." + field.asInternal(), inner, type));
                shapes.add(CqlIdentifier.fromInternal(inner).asCql(true));
            } else {
                types.add(type.cql());
                shapes.add(type.shape());
            }
        }
        Udt udt = new Udt(column, path, name, fields, types, shapes);
        Udt before = planned.putIfAbsent(name, udt);
        if (before != null && !before.sameShape(fields, shapes)) {
            throw clash(udt, "column '" + before.path() + "' of the same table needs it as " + fields(before));
        }
        return "frozen<" + quote(name) + ">";
    }

    /** Creates the planned types that do not exist yet, inner ones first; none when one is in the way. */
    void create(CqlSession session) {
        // Every existing one is checked before any is created, so a clash leaves the keyspace as it was.
        for (Udt udt : planned.values()) {
            schema.userType(table.schema(), udt.name()).ifPresent(existing -> requireShape(udt, existing));
        }
        for (Udt udt : planned.values()) {
            String qualified = quote(table.schema()) + "." + quote(udt.name());
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < udt.fields().size(); i++) {
                fields.add(udt.fields().get(i).asCql(false) + " " + udt.types().get(i));
            }
            try {
                session.execute(SimpleStatement.newInstance(
                        "CREATE TYPE IF NOT EXISTS " + qualified + " (" + String.join(", ", fields) + ")"));
            } catch (RuntimeException e) {
                throw errors.classify(
                        "Creating user-defined type '" + qualified + "' for column '" + udt.path() + "'", e);
            }
            // Checked again: another client may have created one of that name since the check above.
            requireShape(
                    udt,
                    schema.userType(table.schema(), udt.name())
                            .orElseThrow(() -> errors.error(
                                    ErrorCode.INTERNAL,
                                    "User-defined type '" + qualified
                                            + "' was created but is not in the schema metadata")));
        }
    }

    private void requireShape(Udt udt, UserDefinedType existing) {
        List<String> shapes =
                existing.getFieldTypes().stream().map(CqlTypeText::shape).toList();
        if (!udt.sameShape(existing.getFieldNames(), shapes)) {
            throw clash(udt, "a type of that name already exists as " + fields(existing.getFieldNames(), shapes));
        }
    }

    private RuntimeException clash(Udt udt, String inTheWay) {
        String name = table.schema() + "." + udt.name();
        return errors.error(
                ErrorCode.INVALID_CONFIG,
                "Cannot create table '" + table + "': column '" + udt.path() + "' needs user-defined type '" + name
                        + "' as " + fields(udt) + ", but " + inTheWay
                        + ". Drop that type if nothing uses it (DROP TYPE "
                        + quote(table.schema()) + "." + quote(udt.name()) + "), copy into a table of another name, or "
                        + "give column '" + udt.column() + "' a type of your own (columnType(\"" + udt.column()
                        + "\", \"<type>\"))");
    }

    private static String fields(Udt udt) {
        return fields(udt.fields(), udt.shapes());
    }

    private static String fields(List<CqlIdentifier> names, List<String> shapes) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(names.get(i).asCql(true) + " " + shapes.get(i));
        }
        return "(" + String.join(", ", fields) + ")";
    }
}
