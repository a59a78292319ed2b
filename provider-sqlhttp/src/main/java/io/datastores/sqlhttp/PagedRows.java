package io.datastores.sqlhttp;

import io.datastores.api.DatastoreException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * A query's rows in pages of {@code LIMIT … OFFSET …}, for services without a cursor. These services
 * report no declared types, so a query without parameters is first made a view whose
 * {@code pragma_table_info} gives them (the view is dropped at once; a query a view cannot hold, or
 * a token that may not create one, falls back to typing by value). Columns declared INTEGER are
 * selected as text whenever they hold an integer, so integers beyond 2^53 survive JSON exactly.
 * Memory holds one page. Not thread-safe.
 */
final class PagedRows implements Transport.Rows {
    private final EnvelopeTransport transport;
    private final String pageSql;
    private final List<Object> params;
    private final int pageRows;
    private List<String> columns;
    private List<String> types;
    private Iterator<Object[]> page;
    private long offset;
    private boolean last;

    PagedRows(EnvelopeTransport transport, Transport.Statement statement, int pageRows) {
        this.transport = transport;
        this.pageRows = pageRows;
        this.params = statement.params();
        String query = statement.sql().strip().replaceAll(";+$", "");
        if (params.isEmpty()) {
            probe(query);
        }
        StringBuilder select = new StringBuilder("SELECT ");
        if (columns == null) {
            select.append('*');
        } else {
            for (int i = 0; i < columns.size(); i++) {
                String column = quote(columns.get(i));
                select.append(i == 0 ? "" : ", ")
                        .append(
                                ColumnKind.ofDeclared(types.get(i)) == ColumnKind.INTEGER
                                        ? "CASE WHEN typeof(" + column + ") = 'integer' THEN CAST(" + column
                                                + " AS TEXT) ELSE " + column + " END AS " + column
                                        : column);
            }
        }
        this.pageSql = select + " FROM (" + query + ") LIMIT ? OFFSET ?";
        fetch();
    }

    private void probe(String query) {
        String view = quote("_datastores_probe_" + UUID.randomUUID().toString().replace("-", ""));
        try {
            transport.run(Transport.Statement.of("CREATE VIEW " + view + " AS " + query));
        } catch (DatastoreException e) {
            return;
        }
        try {
            Transport.Result described = transport.run(Transport.Statement.of(
                    "SELECT name, type FROM pragma_table_info(?)", view.substring(1, view.length() - 1)));
            columns = new ArrayList<>();
            types = new ArrayList<>();
            for (Object[] row : described.rows()) {
                columns.add((String) row[0]);
                types.add(row[1] == null || ((String) row[1]).isBlank() ? null : (String) row[1]);
            }
        } finally {
            transport.run(Transport.Statement.of("DROP VIEW IF EXISTS " + view));
        }
    }

    private void fetch() {
        List<Object> values = new ArrayList<>(params);
        values.add((long) pageRows);
        values.add(offset);
        Transport.Result result = transport.run(new Transport.Statement(pageSql, values));
        if (columns == null) {
            columns = result.columns();
            types = result.declaredTypes();
        }
        offset += result.rows().size();
        last = result.rows().size() < pageRows;
        page = result.rows().iterator();
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public List<String> declaredTypes() {
        return types;
    }

    @Override
    public Object[] next() {
        if (!page.hasNext() && !last) {
            fetch();
        }
        return page.hasNext() ? page.next() : null;
    }

    @Override
    public void close() {
        // Nothing stays open between pages.
    }
}
