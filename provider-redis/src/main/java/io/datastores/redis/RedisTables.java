package io.datastores.redis;

import io.datastores.api.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
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
        scan(client, glob(prefix) + "*", "list", keys -> {
            keys.forEach(key -> tables.add(TableRef.of(key.substring(prefix.length()))));
            return true;
        });
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
        boolean[] found = new boolean[1];
        scan(client, rowPattern(table), "hash", keys -> {
            found[0] = !keys.isEmpty();
            return !found[0];
        });
        return found[0];
    }

    /**
     * Calls {@code page} with each page of keys a {@code SCAN MATCH pattern TYPE type} returns (keys may
     * repeat), until the scan ends or {@code page} returns false.
     */
    void scan(UnifiedJedis client, String pattern, String type, Predicate<List<String>> page) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(pattern).count(settings.scanCount());
        do {
            ScanResult<String> result = client.scan(cursor, params, type);
            if (!page.test(result.getResult())) {
                return;
            }
            cursor = result.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    /** @return the fields of up to {@code sampleSize} hashes, in first-seen order, for a table without a schema entry */
    List<Field> sampledTextColumns(UnifiedJedis client, TableRef table, String keyColumn) {
        Set<String> sample = new LinkedHashSet<>();
        scan(client, rowPattern(table), "hash", keys -> {
            keys.stream().limit(settings.sampleSize() - sample.size()).forEach(sample::add);
            return sample.size() < settings.sampleSize();
        });
        Set<String> names = new LinkedHashSet<>();
        for (String key : sample) {
            for (String field : client.hkeys(key)) {
                if (!field.equals(EMPTY_ROW_FIELD) && !field.equals(keyColumn)) {
                    names.add(field);
                }
            }
        }
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
