package io.datastores.cli;

import io.datastores.api.Datastore;
import io.datastores.api.QueryResult;
import io.datastores.core.Datastores;
import java.io.PrintWriter;
import java.util.ArrayList;
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

@Command(
        name = "query",
        description = "Run a query in the datastore's own language (SQL, CQL, Cypher, a MongoDB command as "
                + "Extended JSON, a Redis command) and print the rows.")
final class QueryCommand implements Callable<Integer> {
    enum Format {
        table,
        csv,
        json
    }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The datastore.")
    String name;

    @Parameters(index = "1", paramLabel = "QUERY", description = "The query, in the datastore's language.")
    String sql;

    @Option(names = "--db", paramLabel = "DATABASE", description = "Run in this logical database (its schema).")
    String database;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json.")
    Format format = Format.table;

    @Option(names = "--json", description = "Same as --format json.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N rows (default ${DEFAULT-VALUE}).")
    int limit = 1000;

    @Override
    public Integer call() {
        if (limit <= 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--limit must be positive, got " + limit);
        }
        try (Datastores datastores = main.load()) {
            Datastore datastore = datastores.get(name);
            Datastore target = database == null ? datastore : datastore.database(database);
            // One row more than shown tells whether the output was cut.
            QueryResult result = target.query(sql, List.of(), limit + 1);
            boolean truncated = result.rowCount() > limit;
            List<Map<String, Object>> rows = truncated ? result.rows().subList(0, limit) : result.rows();
            print(result.columns(), rows, truncated, result.executionMillis());
            return ExitCodes.OK;
        }
    }

    private void print(List<String> columns, List<Map<String, Object>> rows, boolean truncated, long millis) {
        PrintWriter out = spec.commandLine().getOut();
        Format chosen = json ? Format.json : format;
        switch (chosen) {
            case json -> {
                Map<String, Object> document = new LinkedHashMap<>();
                document.put("columns", columns);
                document.put("rows", rows);
                document.put("rowCount", rows.size());
                document.put("truncated", truncated);
                document.put("executionMillis", millis);
                out.println(Output.json(document));
            }
            case csv -> Output.csv(out, columns, values(columns, rows));
            case table -> {
                Output.table(out, columns, values(columns, rows));
                out.println("(" + rows.size() + (rows.size() == 1 ? " row" : " rows")
                        + (truncated ? ", more not shown: raise --limit" : "") + ", " + millis + " ms)");
            }
        }
    }

    private static List<List<Object>> values(List<String> columns, List<Map<String, Object>> rows) {
        List<List<Object>> values = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<Object> line = new ArrayList<>();
            columns.forEach(column -> line.add(row.get(column)));
            values.add(line);
        }
        return values;
    }
}
