package io.datastores.starrocks;

import java.util.List;
import java.util.Map;

/**
 * Where the Stream Load contract server keeps the rows it accepts: in memory for the protocol
 * tests, or in a real MariaDB table when the provider test kit reads them back over SQL.
 */
interface ContractStorage {

    /**
     * A column as the server converts values for it.
     *
     * @param type the StarRocks-style type name, upper case: INT, BIGINT, DOUBLE, DECIMAL, STRING, DATE,
     *     DATETIME, BOOLEAN
     * @param nullable whether NULL is accepted
     */
    record Column(String type, boolean nullable) {}

    /**
     * @param database the database
     * @param table the table
     * @return its columns by name, in order, or null when there is no such table
     */
    Map<String, Column> columns(String database, String table);

    /**
     * @param database the database
     * @param table the table
     * @return its primary key, empty for a table without one (StarRocks' DUPLICATE KEY model)
     */
    List<String> primaryKey(String database, String table);

    /**
     * Stores rows at once: appended, or with a primary key, upserted (the row with the same key is
     * replaced; with {@code partial}, only the given columns change), as StarRocks' table models do.
     *
     * @param database the database
     * @param table the table
     * @param rows converted rows keyed by column name
     * @param partial whether the rows carry only some columns ({@code partial_update})
     */
    void store(String database, String table, List<Map<String, Object>> rows, boolean partial);
}
