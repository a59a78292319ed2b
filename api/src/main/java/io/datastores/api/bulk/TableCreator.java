package io.datastores.api.bulk;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.CanonicalTypes;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Maps Arrow fields to this datastore's column types and creates tables from them, so a transfer
 * can create its target. Reached through {@code datastore.feature(TableCreator.class)}.
 * Implementations are stateless and thread-safe.
 */
public interface TableCreator {

    /**
     * @param field a source field; its metadata may carry {@link #SOURCE_TYPE}
     * @return the column type this datastore would create for it, with every loss that implies,
     *     or empty when no type of this datastore can hold it
     */
    Optional<TargetType> columnType(Field field);

    /**
     * Creates a table; fails if it exists.
     *
     * @param table the table to create
     * @param columns its columns, in order
     * @param primaryKey the primary key's columns, or empty for none
     */
    void createTable(TableRef table, List<ColumnDefinition> columns, List<String> primaryKey);

    /**
     * Adds a column to a table, as a sync does when its source gained one. Rows already there get
     * NULL in a nullable column. Refused by default.
     *
     * @param table the table
     * @param column the column; its type as {@link #columnType} gives it or a caller's override
     * @throws DatastoreException with {@link ErrorCode#UNSUPPORTED} where tables cannot gain columns
     */
    default void addColumn(TableRef table, ColumnDefinition column) {
        throw DatastoreException.of(
                ErrorCode.UNSUPPORTED,
                "Cannot add column '" + column.name() + "' to table '" + table
                        + "': this datastore's tables cannot gain columns");
    }

    /**
     * Whether this datastore's bulk writer creates a missing table itself, inside the write's
     * transaction, when the {@link WriteRequest#createColumns()} say so: true where DDL is
     * transactional, so a failed or killed write leaves no empty table behind. False by default:
     * the caller then calls {@link #createTable} first.
     *
     * @return whether a write can create its table
     */
    default boolean createsInWrite() {
        return false;
    }

    /** Field metadata key a {@link BulkReader} may set to the database's own name of a column's type. */
    String SOURCE_TYPE = "datastores.source_type";

    /**
     * A column type of the target and what storing a field in it loses.
     *
     * @param ddl the type as written in {@code CREATE TABLE}, such as {@code DECIMAL(38, 10)}
     * @param losses what does not survive, in words ("time zone dropped: stored as UTC"); empty when exact
     */
    record TargetType(String ddl, List<String> losses) {
        /**
         * Copies the list.
         *
         * @param ddl the type as written in {@code CREATE TABLE}, such as {@code DECIMAL(38, 10)}
         * @param losses what does not survive, in words ("time zone dropped: stored as UTC"); empty when
         *     exact
         */
        public TargetType {
            losses = List.copyOf(losses);
        }

        /**
         * @param ddl the type
         * @return a type that holds every value exactly
         */
        public static TargetType exact(String ddl) {
            return new TargetType(ddl, List.of());
        }

        /**
         * The column type of the SDK's canonical extension types: a UUID or JSON column takes the store's
         * own type where it has one, else its text type with the loss named.
         *
         * @param type any Arrow type
         * @param uuid the store's UUID type, or {@code null} for none
         * @param json the store's JSON type, or {@code null} for none
         * @param text the store's text type, for what has no type of its own
         * @return the column type, or empty when {@code type} is neither UUID nor JSON
         */
        public static Optional<TargetType> canonical(ArrowType type, String uuid, String json, String text) {
            if (CanonicalTypes.isUuid(type)) {
                return Optional.of(
                        uuid != null ? exact(uuid) : new TargetType(text, List.of(CanonicalTypes.UUID_AS_TEXT)));
            }
            if (CanonicalTypes.isJson(type)) {
                return Optional.of(
                        json != null ? exact(json) : new TargetType(text, List.of(CanonicalTypes.JSON_AS_TEXT)));
            }
            return Optional.empty();
        }

        /**
         * The column type of an Arrow integer in a store whose integers are signed: a signed one is exact
         * in the type of its width; an unsigned one narrower than 64 bits widens to the store's 32- or
         * 64-bit type, and an unsigned 64-bit one becomes {@code decimal20}, each loss named.
         *
         * @param type the Arrow integer
         * @param int8 the store's 8-bit type ({@code int16}, {@code int32}, {@code int64} likewise)
         * @param int16 the store's 16-bit type
         * @param int32 the store's 32-bit type
         * @param int64 the store's 64-bit type
         * @param decimal20 the store's {@code decimal(20, 0)}
         * @return the column type
         */
        public static TargetType integer(
                ArrowType.Int type, String int8, String int16, String int32, String int64, String decimal20) {
            if (type.getIsSigned()) {
                return exact(
                        switch (type.getBitWidth()) {
                            case 8 -> int8;
                            case 16 -> int16;
                            case 32 -> int32;
                            default -> int64;
                        });
            }
            return type.getBitWidth() < 64
                    ? new TargetType(
                            type.getBitWidth() < 32 ? int32 : int64,
                            List.of("unsigned integer read back as a wider signed one"))
                    : new TargetType(decimal20, List.of("unsigned 64-bit integer read back as decimal(20, 0)"));
        }
    }

    /**
     * One column of a table to create.
     *
     * @param name the column name (quoted by the datastore)
     * @param type the column type as written in {@code CREATE TABLE}
     * @param nullable whether the column accepts NULL
     */
    record ColumnDefinition(String name, String type, boolean nullable) {}
}
