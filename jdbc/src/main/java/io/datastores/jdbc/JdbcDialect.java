package io.datastores.jdbc;

import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.TableCreator.TargetType;
import io.datastores.api.spi.DatastoreConfig;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * What differs between JDBC databases, kept small so a provider is a dialect plus a provider
 * class. Implementations are stateless and thread-safe, and must not reference driver classes
 * directly: the driver is loaded by name when the pool starts.
 */
public interface JdbcDialect {

    /** @return the driver's class name, loaded only when the datastore first connects */
    String driverClassName();

    /**
     * @param config the datastore's configuration
     * @return the JDBC URL to connect with; may contain secrets, so never show it unredacted
     */
    String jdbcUrl(DatastoreConfig config);

    /**
     * @param config the datastore's configuration
     * @return a short, secret-free description of where the datastore lives, for error messages,
     *     such as {@code localhost:5432} or a file path
     */
    String location(DatastoreConfig config);

    /**
     * Runs once before the pool starts, for set-up the database needs (such as creating the
     * folder of an embedded database file). Does nothing by default.
     *
     * @param config the datastore's configuration
     */
    default void beforeConnect(DatastoreConfig config) {}

    /**
     * Whether the pool marks its connections read-only, for a database opened read-only: some
     * drivers (DuckDB) refuse to change such a database's connections to writable.
     *
     * @param config the datastore's configuration
     * @return false by default
     */
    default boolean readOnly(DatastoreConfig config) {
        return false;
    }

    /**
     * Driver properties for new connections: by default {@code user} and {@code password} from the
     * configuration plus everything under {@code connection.properties}.
     *
     * @param config the datastore's configuration
     * @return the properties
     */
    default Properties connectionProperties(DatastoreConfig config) {
        Properties properties = new Properties();
        config.value("user").ifPresent(user -> properties.setProperty("user", user));
        config.value("password").ifPresent(password -> properties.setProperty("password", password));
        properties.putAll(config.properties());
        return properties;
    }

    /**
     * Quotes an identifier so any name, however hostile, is taken literally.
     *
     * @param identifier a schema, table or column name
     * @return the quoted identifier
     */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * A text column as an expression that compares by Unicode code point (binary collation), as a
     * read's {@link io.datastores.api.bulk.Predicate} on text must whatever the column's collation:
     * {@code "name" COLLATE "C"} on PostgreSQL, {@code BINARY "name"} on MySQL. As it is by default,
     * for databases whose text compares bytewise.
     *
     * @param quotedColumn the quoted column name
     * @return the expression to compare
     */
    default String binaryText(String quotedColumn) {
        return quotedColumn;
    }

    /**
     * A read filter's literal as this database must be given it to compare with stored values. By
     * default the literal itself, with an {@link java.time.Instant} as a UTC
     * {@link java.time.OffsetDateTime}, which JDBC 4.2 drivers bind to timestamps with zone; a
     * database that keeps temporal values as text gives the text it stores.
     *
     * @param literal a literal of a {@link io.datastores.api.bulk.Predicate}
     * @return the value to bind
     */
    default Object filterValue(Object literal) {
        return literal instanceof java.time.Instant instant
                ? java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC)
                : literal;
    }

    /**
     * Makes statements on a connection resolve unqualified names in the first of the given
     * schemas. When the connection is returned, {@link JdbcDatastore} puts back the schema it had
     * with {@link Connection#setSchema}, so whatever this changes must be undone by that.
     *
     * @param connection a pooled connection
     * @param schemas at least one schema
     * @throws SQLException when a schema does not exist or the driver refuses
     */
    default void useSchemas(Connection connection, List<String> schemas) throws SQLException {
        connection.setSchema(schemas.get(0));
    }

    /**
     * SQLSTATEs this database uses its own way, looked up before the standard mapping: H2 reports a
     * missing table as {@code 42S04}, which the standard class 42 would call bad SQL.
     *
     * @return exact SQLSTATEs and their codes; none by default
     */
    default Map<String, ErrorCode> sqlStates() {
        return Map.of();
    }

    /**
     * Lets a dialect classify errors whose SQLSTATE says nothing (embedded databases often send
     * none).
     *
     * @param error the driver's exception
     * @return the code, or empty to fall back to the SQLSTATE mapping
     */
    default Optional<ErrorCode> classify(SQLException error) {
        return Optional.empty();
    }

    /**
     * @param connection an open connection
     * @return the schema names to report, or empty to ask {@link java.sql.DatabaseMetaData}
     * @throws SQLException when the database cannot be asked
     */
    default Optional<List<String>> schemas(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /**
     * Describes a table: through {@link java.sql.DatabaseMetaData} by default. A dialect that
     * knows its catalog may answer in fewer round trips, with the same values.
     *
     * @param connection an open connection
     * @param table the table; no schema means the connection's current one
     * @return the description, or empty when there is no such table
     * @throws SQLException when the database cannot be asked
     */
    default Optional<TableInfo> describe(Connection connection, TableRef table) throws SQLException {
        return JdbcIntrospection.describe(connection, table);
    }

    /**
     * @param table a table, optionally schema-qualified
     * @return the quoted, qualified name to use in SQL
     */
    default String qualify(TableRef table) {
        return table.schema() == null ? quote(table.name()) : quote(table.schema()) + "." + quote(table.name());
    }

    /**
     * @return the column types this database gets for Arrow types when a transfer creates a table
     */
    default SqlTypes sqlTypes() {
        return SqlTypes.STANDARD;
    }

    /**
     * @return whether {@code CREATE TABLE} is part of the transaction it runs in (PostgreSQL, DuckDB)
     *     rather than committing it (MySQL); a write then creates its missing table in its own transaction
     */
    default boolean transactionalDdl() {
        return false;
    }

    /**
     * @param field a source field; its metadata may carry {@link io.datastores.api.bulk.TableCreator#SOURCE_TYPE}
     * @return the column type a created table gets for it, with its losses; by default what
     *     {@link #sqlTypes()} maps the field to
     */
    default Optional<TargetType> targetType(Field field) {
        return sqlTypes().map(field);
    }

    /**
     * Tells bulk reads which of the database's types hold instants (read as UTC timestamps with
     * a zone) rather than wall clocks, since JDBC reports both as {@link java.sql.Types#TIMESTAMP}.
     *
     * @param databaseTypeName the type name the driver reports, such as {@code timestamptz}
     * @return whether values of that type are instants
     */
    default boolean isInstantType(String databaseTypeName) {
        return false;
    }

    /**
     * Tells bulk reads that the database keeps dates and times as text (SQLite has no date or time
     * type), so columns declared as dates, times or timestamps are parsed from their ISO-8601 text
     * (or epoch milliseconds, the form some drivers write) rather than through the driver's own
     * conversion, which may drop microseconds.
     *
     * @return whether to parse temporal columns from text; false by default
     */
    default boolean storesTemporalAsText() {
        return false;
    }

    /**
     * The JDBC type bulk reads map a result column from. Drivers of databases without strict column
     * types may report a declared type the stored values do not have (SQLite keeps DECIMAL columns
     * as REAL); a dialect corrects that here.
     *
     * @param metaData the result's metadata
     * @param column the column, from 1
     * @return a {@link java.sql.Types} code; the driver's own by default
     * @throws SQLException when the driver cannot be asked
     */
    default int columnType(ResultSetMetaData metaData, int column) throws SQLException {
        return metaData.getColumnType(column);
    }

    /**
     * Whether a result column holds signed numbers; bulk reads widen unsigned integers so no value
     * overflows.
     *
     * @param metaData the result's metadata
     * @param column the column, from 1
     * @return the driver's answer by default
     * @throws SQLException when the driver cannot be asked
     */
    default boolean isSigned(ResultSetMetaData metaData, int column) throws SQLException {
        return metaData.isSigned(column);
    }
}
