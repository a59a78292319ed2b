package io.datastores.postgres;

import io.datastores.api.spi.DatastoreConfig;
import io.datastores.jdbc.JdbcDialect;
import io.datastores.jdbc.SqlTypes;
import io.datastores.jdbc.ServerAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** pgjdbc specifics. The driver class is named, never referenced, so opening stays lazy. */
final class PostgresDialect implements JdbcDialect {
    private static final SqlTypes TYPES =
            new SqlTypes("TEXT", "BYTEA", "DOUBLE PRECISION", "TIME", "TIMESTAMP", "TIMESTAMPTZ", 1000, null);
    static final int DEFAULT_PORT = 5432;

    @Override
    public String driverClassName() {
        return "org.postgresql.Driver";
    }

    @Override
    public String jdbcUrl(DatastoreConfig config) {
        if (config.value("url").isPresent()) {
            return config.value("url").orElseThrow().strip();
        }
        ServerAddress address = ServerAddress.of(config, DEFAULT_PORT);
        String host = address.host().contains(":") && !address.host().startsWith("[")
                ? "[" + address.host() + "]" : address.host();
        String database = config.value("database").map(db -> URLEncoder.encode(db, StandardCharsets.UTF_8)).orElse("");
        return "jdbc:postgresql://" + host + ":" + address.port() + "/" + database;
    }

    @Override
    public String location(DatastoreConfig config) {
        String user = config.value("user").map(u -> u + "@").orElse("");
        return user + ServerAddress.of(config, DEFAULT_PORT) + config.value("database").map(db -> "/" + db).orElse("");
    }

    @Override
    public Properties connectionProperties(DatastoreConfig config) {
        Properties properties = new Properties();
        config.value("user").ifPresent(user -> properties.setProperty("user", user));
        config.value("password").ifPresent(password -> properties.setProperty("password", password));
        // pgjdbc takes whole seconds; 0 would mean "wait forever".
        long seconds = Math.max(1, (config.pool().connectTimeout().toMillis() + 999) / 1000);
        properties.setProperty("connectTimeout", String.valueOf(seconds));
        properties.setProperty("ApplicationName", config.value("application_name", "datastores"));
        config.value("sslmode").ifPresent(mode -> properties.setProperty("sslmode", mode));
        config.value("sslrootcert").ifPresent(cert -> properties.setProperty("sslrootcert", cert));
        properties.putAll(config.properties());
        return properties;
    }

    @Override
    public boolean isInstantType(String databaseTypeName) {
        return databaseTypeName.equals("timestamptz");
    }

    @Override
    public SqlTypes sqlTypes() {
        return TYPES;
    }
}
