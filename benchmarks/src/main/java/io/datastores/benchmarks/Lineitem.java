package io.datastores.benchmarks;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The 16-column TPC-H lineitem shape every scenario moves. The types are spelled so that
 * PostgreSQL, MariaDB and DuckDB all accept the same {@code CREATE TABLE}.
 */
final class Lineitem {
    static final String[][] COLUMNS = {
        {"l_orderkey", "BIGINT"},
        {"l_partkey", "BIGINT"},
        {"l_suppkey", "BIGINT"},
        {"l_linenumber", "INTEGER"},
        {"l_quantity", "DECIMAL(15,2)"},
        {"l_extendedprice", "DECIMAL(15,2)"},
        {"l_discount", "DECIMAL(15,2)"},
        {"l_tax", "DECIMAL(15,2)"},
        {"l_returnflag", "CHAR(1)"},
        {"l_linestatus", "CHAR(1)"},
        {"l_shipdate", "DATE"},
        {"l_commitdate", "DATE"},
        {"l_receiptdate", "DATE"},
        {"l_shipinstruct", "VARCHAR(25)"},
        {"l_shipmode", "VARCHAR(10)"},
        {"l_comment", "VARCHAR(44)"},
    };

    private Lineitem() {}

    static String createTable(String table) {
        return "CREATE TABLE " + table + " ("
                + Arrays.stream(COLUMNS).map(c -> c[0] + " " + c[1]).collect(Collectors.joining(", ")) + ")";
    }

    static String insert(String table) {
        return "INSERT INTO " + table + " (" + names() + ") VALUES ("
                + Arrays.stream(COLUMNS).map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    static String select(String table, long limit) {
        return "SELECT " + names() + " FROM " + table + (limit > 0 ? " LIMIT " + limit : "");
    }

    static String names() {
        return Arrays.stream(COLUMNS).map(c -> c[0]).collect(Collectors.joining(", "));
    }

    /** @return the {@code columns} argument of DuckDB's {@code read_csv} */
    static String duckDbCsvColumns() {
        return Arrays.stream(COLUMNS)
                .map(c -> "'" + c[0] + "': '" + c[1] + "'")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
