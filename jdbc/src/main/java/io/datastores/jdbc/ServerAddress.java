package io.datastores.jdbc;

import io.datastores.api.spi.DatastoreConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a database server listens, taken from {@code connection.host}/{@code port} or from the
 * authority of a full {@code url}. Used for URLs and for error messages that must name the
 * server ("refused at db.example.com:5432") without ever showing a password.
 *
 * @param host the host name or address, as configured
 * @param port the port
 */
public record ServerAddress(String host, int port) {
    /** The {@code connection:} keys of a server's location and login, read by every server provider. */
    public static final Set<String> KEYS = Set.of("host", "port", "database", "user", "password", "url");
    // The authority of jdbc:x://[user[:password]@]host[:port][/...]; user-info is skipped, never kept.
    private static final Pattern AUTHORITY = Pattern.compile("//(?:[^@/?#]*@)?(\\[[^\\]]+\\]|[^:/?#,;]+)(?::(\\d+))?");

    /**
     * Requires a host and a valid port.
     *
     * @param host the host name or address, as configured
     * @param port the port
     */
    public ServerAddress {
        Objects.requireNonNull(host, "host is null");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * @param config a validated configuration of a server database
     * @param defaultPort the database's usual port, used when none is given
     * @return the address, from {@code host}/{@code port}, else from the {@code url}'s authority,
     *     else {@code localhost} and the default port (which is also what drivers assume)
     */
    public static ServerAddress of(DatastoreConfig config, int defaultPort) {
        if (config.value("host").isPresent()) {
            return new ServerAddress(config.value("host").orElseThrow().strip(), config.intValue("port", defaultPort));
        }
        Matcher matcher = AUTHORITY.matcher(config.value("url", ""));
        if (matcher.find()) {
            int port = matcher.group(2) == null ? defaultPort : Integer.parseInt(matcher.group(2));
            return new ServerAddress(matcher.group(1), port);
        }
        return new ServerAddress("localhost", defaultPort);
    }

    /**
     * @param config a validated configuration of a server database
     * @param scheme the URL scheme, such as {@code jdbc:postgresql}
     * @param defaultPort the database's usual port
     * @return the configured {@code url} as given, else {@code scheme://host:port/database}
     */
    public static String jdbcUrl(DatastoreConfig config, String scheme, int defaultPort) {
        if (config.value("url").isPresent()) {
            return config.value("url").orElseThrow().strip();
        }
        String database = config.value("database")
                .map(db -> URLEncoder.encode(db, StandardCharsets.UTF_8))
                .orElse("");
        return scheme + "://" + of(config, defaultPort) + "/" + database;
    }

    /**
     * @param config a validated configuration of a server database
     * @param defaultPort the database's usual port
     * @return {@code user@host:port/database} for messages: who connects where, never a password
     */
    public static String location(DatastoreConfig config, int defaultPort) {
        String user = config.value("user").map(u -> u + "@").orElse("");
        return user
                + of(config, defaultPort)
                + config.value("database").map(db -> "/" + db).orElse("");
    }

    /** @return {@code host:port}, with an IPv6 address in brackets, as URLs and messages write it */
    @Override
    public String toString() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
