package io.datastores.jdbc.sqlite;

import io.datastores.jdbc.SqlTypes;

/** The column types SQLite-family databases give the tables a transfer creates. */
public final class SqliteTypes {
    /**
     * SQLite has storage classes, not types: declared names pick an affinity, and DATE, TIME and
     * TIMESTAMP (NUMERIC affinity, which keeps ISO-8601 text as text) also tell bulk reads to parse
     * the text.
     */
    public static final SqlTypes CREATED = new SqlTypes(
            "TEXT",
            "BLOB",
            "REAL",
            "TIME",
            "TIMESTAMP",
            null,
            38,
            "stored as a 64-bit float (NUMERIC affinity): more than 15 significant digits are rounded");

    private SqliteTypes() {}
}
