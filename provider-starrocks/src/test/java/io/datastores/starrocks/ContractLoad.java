package io.datastores.starrocks;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** What one Stream Load body converted to, for the contract server: the rows kept, the counts, and the reply. */
record ContractLoad(
        List<Map<String, Object>> rows,
        int total,
        int filtered,
        String errorUrl,
        boolean tooManyFiltered,
        String failure) {

    /** Converts one JSON value for a column, as StarRocks would; throws for a value the column refuses. */
    static Object value(ContractStorage.Column column, Object json) {
        if (json == null) {
            if (!column.nullable()) {
                throw new IllegalArgumentException("NULL in a NOT NULL column");
            }
            return null;
        }
        String text = json.toString();
        return switch (column.type()) {
            case "TINYINT", "SMALLINT", "INT", "BIGINT", "LARGEINT" ->
                new BigDecimal(text).toBigIntegerExact().longValueExact();
            case "FLOAT", "DOUBLE" -> Double.parseDouble(text);
            case "DECIMAL" -> new BigDecimal(text);
            case "DATE" -> LocalDate.parse(text);
            case "DATETIME" -> LocalDateTime.parse(text.replace(' ', 'T'));
            case "BOOLEAN" ->
                switch (text) {
                    case "true", "1" -> true;
                    case "false", "0" -> false;
                    default -> throw new IllegalArgumentException("not a boolean");
                };
            default -> text;
        };
    }

    /** @return the JSON reply Stream Load gives for this load */
    String json(String label, String status) {
        StringBuilder json = new StringBuilder("{\"TxnId\":1,\"Label\":\"")
                .append(label)
                .append("\",\"Status\":\"")
                .append(status)
                .append("\",\"Message\":\"")
                .append(
                        failure() != null
                                ? failure().replace("\"", "'")
                                : tooManyFiltered() ? "too many filtered rows" : "OK")
                .append("\",\"NumberTotalRows\":")
                .append(total())
                .append(",\"NumberLoadedRows\":")
                .append(rows().size())
                .append(",\"NumberFilteredRows\":")
                .append(filtered())
                .append(",\"NumberUnselectedRows\":0");
        if (errorUrl() != null) {
            json.append(",\"ErrorURL\":\"").append(errorUrl()).append('"');
        }
        return json.append('}').toString();
    }
}
