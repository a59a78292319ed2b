package io.datastores.spark;

import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.BoundStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of staged writes, with every identifier quoted by the datastore: moving staging tables
 * into the target and dropping them. Stateless.
 */
final class StagingTables {
    private StagingTables() {}

    /**
     * @param datastore the target datastore
     * @param plan the write
     * @param parts the staging tables of the committed attempts
     * @return statements that copy each staging table into the target, run in the commit's one
     *     transaction; the tables are dropped after it ({@link #sweep}), as MySQL commits at any DDL
     */
    static List<BoundStatement> moves(Datastore datastore, WritePlan plan, List<TableRef> parts) {
        String columns =
                plan.columns().stream().map(c -> datastore.quote(c.name())).collect(Collectors.joining(", "));
        List<BoundStatement> statements = new ArrayList<>();
        for (TableRef part : parts) {
            statements.add(BoundStatement.of("INSERT INTO " + datastore.qualify(plan.target()) + " (" + columns
                    + ") SELECT " + columns + " FROM " + datastore.qualify(part)));
        }
        return statements;
    }

    /**
     * Drops every staging table of a write that is still there: after its commit, those it moved;
     * those of attempts that failed without their abort running (a lost executor) or that Spark did
     * not let commit.
     *
     * @param datastore the target datastore
     * @param plan the write
     */
    static void sweep(Datastore datastore, WritePlan plan) {
        for (TableRef table : datastore.tables(plan.target().schema())) {
            if (table.name().startsWith(plan.stagingPrefix())) {
                drop(datastore, TableRef.of(plan.target().schema(), table.name()));
            }
        }
    }

    /**
     * @param datastore the target datastore
     * @param table a staging table, which may not exist
     */
    static void drop(Datastore datastore, TableRef table) {
        datastore.execute("DROP TABLE IF EXISTS " + datastore.qualify(table));
    }
}
