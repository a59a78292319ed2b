package io.datastores.redis;

import io.datastores.api.QueryResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.util.KeyValue;

/**
 * A command's reply as rows: a map (RESP3, such as {@code HGETALL}) gives one row per entry with
 * columns {@code field} and {@code value}; an array one row per element in column {@code value};
 * anything else one row. Bulk strings are read as UTF-8 text, nested replies as their text form.
 */
final class RedisReplies {
    private RedisReplies() {}

    static QueryResult rows(Object reply, long millis) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (reply instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof KeyValue<?, ?>) {
            for (Object entry : list) {
                KeyValue<?, ?> pair = (KeyValue<?, ?>) entry;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("field", value(pair.getKey()));
                row.put("value", value(pair.getValue()));
                rows.add(row);
            }
            return new QueryResult(List.of("field", "value"), rows, rows.size(), millis);
        }
        if (reply instanceof List<?> list) {
            list.forEach(element -> rows.add(single(value(element))));
        } else if (reply != null) {
            rows.add(single(value(reply)));
        }
        return new QueryResult(List.of("value"), rows, rows.size(), millis);
    }

    private static Map<String, Object> single(Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("value", value);
        return row;
    }

    private static Object value(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            return list.stream().map(RedisReplies::value).toList().toString();
        }
        if (reply instanceof KeyValue<?, ?> pair) {
            return value(pair.getKey()) + "=" + value(pair.getValue());
        }
        return reply;
    }

    /** @return {@code Redis 7.0.15} from an {@code INFO server} reply */
    static String serverVersion(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return "Redis " + line.substring("redis_version:".length()).trim();
            }
        }
        return "Redis (version not reported)";
    }
}
