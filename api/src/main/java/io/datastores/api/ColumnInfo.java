package io.datastores.api;

/**
 * One column of a table, as the database reports it.
 *
 * @param name the column name
 * @param typeName the database's own type name, such as {@code numeric} or {@code VARCHAR}
 * @param jdbcType the {@link java.sql.Types} code, or {@link java.sql.Types#OTHER} when unknown
 * @param nullable whether the column accepts NULL
 * @param precision the declared precision or length, or {@code null} when not applicable
 * @param scale the declared scale, or {@code null} when not applicable
 */
public record ColumnInfo(
        String name, String typeName, int jdbcType, boolean nullable, Integer precision, Integer scale) {}
