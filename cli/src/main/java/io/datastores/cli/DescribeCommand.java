package io.datastores.cli;

import io.datastores.api.ColumnInfo;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.core.Datastores;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "describe", description = "Show a table's columns, types and primary key.")
final class DescribeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The datastore.")
    String name;

    @Parameters(index = "1", paramLabel = "TABLE", description = "The table, optionally schema.table.")
    String table;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Datastores datastores = main.load()) {
            TableInfo info = datastores.get(name).describe(parse(table));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Output.json(document(info)));
                return ExitCodes.OK;
            }
            out.println(info.table());
            List<List<Object>> rows = new ArrayList<>();
            for (ColumnInfo column : info.columns()) {
                rows.add(Arrays.asList(
                        column.name(),
                        column.typeName(),
                        column.nullable() ? "yes" : "no",
                        info.primaryKey().contains(column.name())
                                ? "PK " + (info.primaryKey().indexOf(column.name()) + 1)
                                : ""));
            }
            Output.table(out, List.of("COLUMN", "TYPE", "NULLABLE", "KEY"), rows);
            return ExitCodes.OK;
        }
    }

    /** {@code schema.table} or {@code table}; the first dot separates, so a table name may hold dots. */
    static TableRef parse(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? TableRef.of(text) : TableRef.of(text.substring(0, dot), text.substring(dot + 1));
    }

    private static Map<String, Object> document(TableInfo info) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schema", info.table().schema());
        document.put("table", info.table().name());
        List<Map<String, Object>> columns = new ArrayList<>();
        for (ColumnInfo column : info.columns()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", column.name());
            c.put("type", column.typeName());
            c.put("jdbcType", column.jdbcType());
            c.put("nullable", column.nullable());
            c.put("precision", column.precision());
            c.put("scale", column.scale());
            columns.add(c);
        }
        document.put("columns", columns);
        document.put("primaryKey", info.primaryKey());
        return document;
    }
}
