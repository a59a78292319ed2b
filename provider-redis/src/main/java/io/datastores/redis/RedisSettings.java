package io.datastores.redis;

import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The validated {@code connection:} settings of one Redis datastore, from {@code url} ({@code redis://}
 * or {@code rediss://}) or from the separate keys; a key given beside the URL overrides the URL's part.
 * The password is not a component: it stays in the configuration, so {@link #toString()} never shows it.
 *
 * @param host the server's host
 * @param port the server's port
 * @param username the ACL user, or empty for the default user
 * @param database the database index
 * @param tls whether to connect with TLS
 * @param namespace a key prefix in front of every table's prefix (and of the schema entries); may be empty
 * @param separator what separates a table's name from a row's key ({@code users:42})
 * @param scanCount the {@code COUNT} hint of each {@code SCAN} call
 * @param writeBatch rows per pipelined write batch
 * @param transactional whether each write batch runs in {@code MULTI}/{@code EXEC}
 * @param ttlSeconds the time to live each written row gets, or 0 for none
 * @param sampleSize hashes a table without a schema entry is described from
 */
record RedisSettings(
        String host,
        int port,
        Optional<String> username,
        int database,
        boolean tls,
        String namespace,
        String separator,
        int scanCount,
        int writeBatch,
        boolean transactional,
        long ttlSeconds,
        int sampleSize) {

    static final String PASSWORD = "password";
    static final Set<String> KEYS = Set.of(
            "url",
            "host",
            "port",
            "username",
            PASSWORD,
            "database",
            "tls",
            "namespace",
            "key_separator",
            "scan_count",
            "write_batch_size",
            "transactional",
            "ttl_seconds",
            "sample_size");

    static List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        config.value("url").ifPresent(url -> {
            Optional<URI> uri = uri(url);
            if (uri.isEmpty()) {
                problems.add(config.problem(
                        "url",
                        "Must be a URL such as redis://127.0.0.1:6379/0, got '" + DatastoreConfig.redactUrl(url)
                                + "'"));
            } else if (uri.get().getPath() != null && !uri.get().getPath().matches("/?\\d{0,5}")) {
                problems.add(config.problem("url", "The path of a Redis URL is the database index, such as /2"));
            }
        });
        whole(config, "port", 1, 65_535, problems);
        whole(config, "database", 0, 1_000_000, problems);
        whole(config, "scan_count", 1, 1_000_000, problems);
        whole(config, "write_batch_size", 1, 1_000_000, problems);
        whole(config, "sample_size", 1, 1_000_000, problems);
        whole(config, "ttl_seconds", 0, Integer.MAX_VALUE, problems);
        for (String flag : List.of("tls", "transactional")) {
            String value = config.value(flag, "false").toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                problems.add(config.problem(flag, "Must be true or false, got '" + value + "'"));
            }
        }
        if (config.value("key_separator").isPresent()
                && config.value("key_separator").get().length() > 8) {
            problems.add(config.problem("key_separator", "Must be at most 8 characters"));
        }
        config.refuseDatabases("Redis has no schemas", "use one datastore per database index or namespace instead")
                .ifPresent(problems::add);
        return problems;
    }

    static RedisSettings of(DatastoreConfig config) {
        Optional<URI> uri = config.value("url").flatMap(RedisSettings::uri);
        String path = uri.map(URI::getPath).orElse("").replace("/", "");
        Optional<String> urlUser = uri.map(URI::getRawUserInfo)
                .map(info -> info.split(":", 2)[0])
                .filter(user -> !user.isEmpty())
                .map(user -> URLDecoder.decode(user, StandardCharsets.UTF_8));
        return new RedisSettings(
                config.value("host").orElse(uri.map(URI::getHost).orElse("127.0.0.1")),
                config.value("port")
                        .map(Integer::parseInt)
                        .orElse(uri.map(URI::getPort).filter(p -> p > 0).orElse(6379)),
                config.value("username").or(() -> urlUser),
                config.value("database").map(Integer::parseInt).orElse(path.isEmpty() ? 0 : Integer.parseInt(path)),
                config.value("tls")
                        .map(Boolean::parseBoolean)
                        .orElse(uri.map(u -> u.getScheme().equals("rediss")).orElse(false)),
                config.value("namespace", ""),
                config.value("key_separator", ":"),
                config.intValue("scan_count", 1_000),
                config.intValue("write_batch_size", 1_000),
                Boolean.parseBoolean(config.value("transactional", "false")),
                config.intValue("ttl_seconds", 0),
                config.intValue("sample_size", 1_000));
    }

    /**
     * @param config the datastore's configuration
     * @return the password from {@code password}, else from the URL's user-info, if any
     */
    static Optional<String> password(DatastoreConfig config) {
        return config.value(PASSWORD)
                .or(() -> config.value("url")
                        .flatMap(RedisSettings::uri)
                        .map(URI::getRawUserInfo)
                        .filter(info -> info.contains(":"))
                        .map(info -> URLDecoder.decode(info.split(":", 2)[1], StandardCharsets.UTF_8)));
    }

    /** @return {@code host:port/database}, for messages */
    String address() {
        return host + ":" + port + "/" + database;
    }

    private static Optional<URI> uri(String url) {
        try {
            URI uri = URI.create(url);
            boolean redis = "redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme());
            return redis && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void whole(DatastoreConfig config, String key, long min, long max, List<ConfigProblem> problems) {
        config.value(key).ifPresent(value -> {
            if (!value.trim().matches("\\d{1,10}")
                    || Long.parseLong(value.trim()) < min
                    || Long.parseLong(value.trim()) > max) {
                problems.add(config.problem(
                        key, "Must be a whole number from " + min + " to " + max + ", got '" + value + "'"));
            }
        });
    }
}
