package io.datastores.redis;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * A Redis command as {@code query} takes it: words separated by spaces, each {@code ?} a bound
 * argument. A bound value is sent as one argument of its own, so spaces or quotes in it never split
 * or change the command ({@code HGETALL ?} with {@code "users:1 FLUSHALL"} reads that one odd key).
 *
 * @param name the command word, upper case
 * @param arguments the arguments after it, bound values in place
 */
record RedisCommand(String name, byte[][] arguments) {
    // Commands that change or hold the connection's state, which the pool shares between callers
    // (SELECT would switch a pooled connection's database).
    private static final Set<String> CONNECTION_STATE = Set.of(
            "SELECT",
            "AUTH",
            "HELLO",
            "RESET",
            "QUIT",
            "MULTI",
            "EXEC",
            "DISCARD",
            "WATCH",
            "UNWATCH",
            "SUBSCRIBE",
            "PSUBSCRIBE",
            "SSUBSCRIBE",
            "MONITOR",
            "SYNC",
            "PSYNC",
            "CLIENT");

    static RedisCommand parse(String datastore, String type, String text, Object... params) {
        List<String> words = List.of(text.trim().split("\\s+"));
        String name = words.get(0).toUpperCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw DatastoreException.of(ErrorCode.INVALID_DATA, datastore, type, "Empty command");
        }
        if (CONNECTION_STATE.contains(name)) {
            throw DatastoreException.unsupported(
                    datastore,
                    type,
                    "the connection-state command " + name
                            + " in query (set database, username and password in the configuration)");
        }
        List<byte[]> arguments = new ArrayList<>();
        int bound = 0;
        for (String word : words.subList(1, words.size())) {
            if (word.equals("?")) {
                if (bound == params.length) {
                    throw DatastoreException.of(
                            ErrorCode.INVALID_DATA,
                            datastore,
                            type,
                            "Command " + name + " has more ? markers than the " + params.length + " values given");
                }
                arguments.add(bytes(params[bound++]));
            } else {
                arguments.add(word.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (bound != params.length) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    datastore,
                    type,
                    "Command " + name + " has " + bound + " ? markers but " + params.length + " values were given");
        }
        return new RedisCommand(name, arguments.toArray(byte[][]::new));
    }

    CommandArguments command() {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        ProtocolCommand command = () -> raw;
        CommandArguments result = new CommandArguments(command);
        for (byte[] argument : arguments) {
            result.add(argument);
        }
        return result;
    }

    private static byte[] bytes(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Redis has no NULL argument: bind a value");
        }
        return value instanceof byte[] raw ? raw : value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
