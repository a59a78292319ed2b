package io.datastores.mongodb;

import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The validated {@code connection:} settings of one MongoDB datastore: either a {@code uri}
 * ({@code mongodb://} or {@code mongodb+srv://}, as pasted from MongoDB's own tools) or
 * {@code host}/{@code port}/{@code user}/{@code password}/{@code database}. The password stays in the
 * configuration (or inside the URI there); this record holds none, so its {@link #toString()} cannot
 * leak it. Checked without the driver, so validation loads no driver class.
 *
 * @param uri the URI as configured, or empty when host and port are given
 * @param hosts the {@code host:port} list, for messages
 * @param database the database tables without a schema live in
 * @param user the user name, or empty for a server without authentication
 * @param authSource the database the user is defined in
 * @param tls whether to connect with TLS (the JVM's default trust store)
 * @param sampleSize how many documents (the first by {@code _id}) a collection's schema is inferred from
 * @param schemaless whether collections without a recorded schema read as {@code _id} plus the whole document
 * @param writeBatch how many documents one {@code bulkWrite} carries
 */
record MongoSettings(
        Optional<String> uri,
        List<String> hosts,
        String database,
        Optional<String> user,
        String authSource,
        boolean tls,
        int sampleSize,
        boolean schemaless,
        int writeBatch) {

    static final String PASSWORD = "password";
    static final Set<String> KEYS = Set.of(
            "uri",
            "host",
            "port",
            "user",
            PASSWORD,
            "database",
            "auth_source",
            "tls",
            "sample_size",
            "schemaless",
            "write_batch_size");
    static final int DEFAULT_PORT = 27017;

    static List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<String> uri = config.value("uri");
        if (uri.isPresent()) {
            String text = uri.get();
            if (!text.startsWith("mongodb://") && !text.startsWith("mongodb+srv://")) {
                problems.add(config.problem(
                        "uri",
                        "Must start with mongodb:// or mongodb+srv://, got '" + DatastoreConfig.redactUrl(text) + "'"));
            } else if (authority(text).isEmpty()) {
                problems.add(config.problem("uri", "Must name a host, as in mongodb://host:27017/database"));
            }
            for (String key : List.of("host", "port")) {
                if (config.value(key).isPresent()) {
                    problems.add(config.problem(key, "Give either uri or host/port, not both"));
                }
            }
            if (uriDatabase(text).isEmpty() && config.value("database").isEmpty()) {
                problems.add(config.problem(
                        "database", "Must specify database (in the uri's path, mongodb://host/app, or as database)"));
            }
        } else {
            if (config.value("host").isEmpty()) {
                problems.add(config.problem("host", "Must specify host (or uri: mongodb://host:27017/database)"));
            }
            String port = config.value("port", String.valueOf(DEFAULT_PORT));
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65_535) {
                problems.add(config.problem("port", "Must be a port number (1-65535), got '" + port + "'"));
            }
            if (config.value("database").isEmpty()) {
                problems.add(config.problem("database", "Must specify database"));
            }
            if (config.value(PASSWORD).isPresent() && config.value("user").isEmpty()) {
                problems.add(config.problem("user", "A password needs a user"));
            }
        }
        for (String key : List.of("tls", "schemaless")) {
            String value = config.value(key, "false").toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                problems.add(config.problem(key, "Must be true or false, got '" + value + "'"));
            }
        }
        positive(config, "sample_size", "1000", problems);
        positive(config, "write_batch_size", "1000", problems);
        return problems;
    }

    private static void positive(DatastoreConfig config, String key, String fallback, List<ConfigProblem> problems) {
        String value = config.value(key, fallback);
        if (!value.matches("\\d{1,7}") || Integer.parseInt(value) == 0) {
            problems.add(config.problem(key, "Must be a whole number from 1 to 9999999, got '" + value + "'"));
        }
    }

    static MongoSettings of(DatastoreConfig config) {
        Optional<String> uri = config.value("uri");
        List<String> hosts;
        String database;
        Optional<String> user;
        if (uri.isPresent()) {
            String authority = authority(uri.get());
            int at = authority.lastIndexOf('@');
            String userInfo = at < 0 ? "" : authority.substring(0, at);
            hosts = List.of(authority.substring(at + 1).split(","));
            database = config.value("database")
                    .orElseGet(() -> uriDatabase(uri.get()).orElseThrow());
            user = config.value("user")
                    .or(() -> userInfo.isEmpty() ? Optional.empty() : Optional.of(decode(userInfo.split(":", 2)[0])));
        } else {
            hosts = List.of(config.value("host").orElseThrow() + ":" + config.value("port", "" + DEFAULT_PORT));
            database = config.value("database").orElseThrow();
            user = config.value("user");
        }
        return new MongoSettings(
                uri,
                hosts,
                database,
                user,
                config.value("auth_source").orElse(uri.isPresent() ? "" : "admin"),
                Boolean.parseBoolean(config.value("tls", "false")),
                Integer.parseInt(config.value("sample_size", "1000")),
                Boolean.parseBoolean(config.value("schemaless", "false")),
                Integer.parseInt(config.value("write_batch_size", "1000")));
    }

    /** @return the part between {@code //} and the path, user info included */
    private static String authority(String uri) {
        String rest = uri.substring(uri.indexOf("//") + 2);
        int end = rest.indexOf('/');
        int query = rest.indexOf('?');
        if (end < 0 || query >= 0 && query < end) {
            end = query;
        }
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static Optional<String> uriDatabase(String uri) {
        String rest = uri.substring(uri.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        int query = rest.indexOf('?');
        if (slash < 0 || query >= 0 && query < slash) {
            return Optional.empty();
        }
        String path = rest.substring(slash + 1, query < 0 ? rest.length() : query);
        return path.isEmpty() ? Optional.empty() : Optional.of(decode(path));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** @return the settings, with any password inside the URI masked */
    @Override
    public String toString() {
        return "MongoSettings[uri=" + uri.map(DatastoreConfig::redactUrl).orElse("-") + ", hosts=" + hosts
                + ", database=" + database + ", user=" + user.orElse("-") + ", authSource=" + authSource + ", tls="
                + tls
                + ", sampleSize=" + sampleSize + ", schemaless=" + schemaless + ", writeBatch=" + writeBatch + "]";
    }

    /** @return the hosts as {@code host:port, …}, for messages */
    String where() {
        return String.join(", ", hosts);
    }
}
