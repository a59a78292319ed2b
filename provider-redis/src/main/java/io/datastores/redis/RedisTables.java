package io.datastores.redis;

import io.datastores.api.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Field;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Where a table lives in the keyspace: its rows are the hashes {@code <namespace><table><separator><key>},
 * its column types the list {@code <namespace>_datastores:schema:<table>}. Patterns given to
 * {@code SCAN MATCH} escape the glob characters of table names, so a hostile name matches only itself.
 */
final class RedisTables {
    static final String SCHEMA_PREFIX = "_datastores:schema:";
    static final String SEQUENCE_PREFIX = "_datastores:seq:";
    /** The field a row whose every column is NULL keeps, so its hash exists; never read as a column. */
    static final String EMPTY_ROW_FIELD = "_datastores:row";

    private final RedisSettings settings;

    RedisTables(RedisSettings settings) {
        this.settings = settings;
    }

    /** @return the prefix every row key of the table starts with */
    String rowPrefix(TableRef table) {
        return settings.namespace() + table.name() + settings.separator();
    }

    String schemaKey(TableRef table) {
        return settings.namespace() + SCHEMA_PREFIX + table.name();
    }

    String sequenceKey(TableRef table) {
        return settings.namespace() + SEQUENCE_PREFIX + table.name();
    }

    /** @return the {@code SCAN MATCH} pattern of the table's row keys */
    String rowPattern(TableRef table) {
        return glob(rowPrefix(table)) + "*";
    }

    /** @return the tables that have a schema entry, by name */
    List<TableRef> withSchema(UnifiedJedis client) {
        List<TableRef> tables = new ArrayList<>();
        String prefix = settings.namespace() + SCHEMA_PREFIX;
        scan(client, glob(prefix) + "*", "list", keys -> keys.forEach(key -> tables.add(TableRef.of(key.substring(prefix.length())))));
        tables.sort((a, b) -> a.name().compareTo(b.name()));
        return tables;
    }

    /** @return the table's schema entry, if it has one */
    Optional<RedisSchema> schema(UnifiedJedis client, TableRef table) {
        List<String> entry = client.lrange(schemaKey(table), 0, -1);
        return entry.isEmpty() ? Optional.empty() : Optional.of(RedisSchema.parse(entry));
    }

    void writeSchema(UnifiedJedis client, TableRef table, RedisSchema schema) {
        client.rpush(schemaKey(table), schema.entry().toArray(String[]::new));
    }

    /** @return whether any hash key has the table's prefix */
    boolean hasRows(UnifiedJedis client, TableRef table) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(rowPattern(table)).count(settings.scanCount());
        do {
            ScanResult<String> page = client.scan(cursor, params, "hash");
            if (!page.getResult().isEmpty()) {
                return true;
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return false;
    }

    /** Calls {@code page} with each page of keys a {@code SCAN MATCH pattern TYPE type} returns (keys may repeat). */
    void scan(UnifiedJedis client, String pattern, String type, java.util.function.Consumer<List<String>> page) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(pattern).count(settings.scanCount());
        do {
            ScanResult<String> result = client.scan(cursor, params, type);
            page.accept(result.getResult());
            cursor = result.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    /** @return the fields of up to {@code sampleSize} hashes, in first-seen order, for a table without a schema entry */
    List<Field> sampledTextColumns(UnifiedJedis client, TableRef table, String keyColumn) {
        List<String> names = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(rowPattern(table)).count(settings.scanCount());
        int seen = 0;
        do {
            ScanResult<String> page = client.scan(cursor, params, "hash");
            for (String key : page.getResult()) {
                if (seen++ >= settings.sampleSize()) {
                    break;
                }
                for (String field : client.hkeys(key)) {
                    if (!names.contains(field) && !field.equals(EMPTY_ROW_FIELD) && !field.equals(keyColumn)) {
                        names.add(field);
                    }
                }
            }
            cursor = page.getCursor();
        } while (seen < settings.sampleSize() && !cursor.equals(ScanParams.SCAN_POINTER_START));
        List<Field> fields = new ArrayList<>();
        fields.add(RedisTypes.field(keyColumn, "text", false));
        names.forEach(name -> fields.add(RedisTypes.field(name, "text", true)));
        return fields;
    }

    private static String glob(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
