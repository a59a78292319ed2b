package io.datastores.core;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.QueryResult;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.ConfiguredDatastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Providers registered only in core's tests, standing in for provider jars that core must never
 * depend on. They record the configuration they receive, so tests can check what the loader did;
 * connecting succeeds unless {@code connection.fail: connect}, and closing fails when
 * {@code connection.fail: close}.
 */
public abstract class TestingProvider implements DatastoreProvider {
    private final String type;
    private final Set<String> aliases;
    private final Set<String> keys;
    private final boolean network;

    TestingProvider(String type, Set<String> aliases, Set<String> keys, boolean network) {
        this.type = type;
        this.aliases = aliases;
        this.keys = keys;
        this.network = network;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Set<String> aliases() {
        return aliases;
    }

    @Override
    public Category category() {
        return type.equals("s3") ? Category.OBJECT : Category.SQL;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.SQL, Capability.SCHEMAS);
    }

    @Override
    public Set<String> connectionKeys() {
        Set<String> all = new java.util.TreeSet<>(keys);
        all.add("fail");
        return all;
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (network && config.value("host").isEmpty() && config.value("url").isEmpty()) {
            problems.add(config.problem("host", "Must specify host"));
        }
        return problems;
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        return new TestingDatastore(config, capabilities());
    }

    /** What the testing providers open: remembers its configuration and connection state. */
    public static final class TestingDatastore extends ConfiguredDatastore {
        private volatile boolean connected;
        private volatile int closes;

        TestingDatastore(DatastoreConfig config, Set<Capability> capabilities) {
            super(config, capabilities);
        }

        /** @return the configuration the provider received */
        @Override
        public DatastoreConfig config() {
            return super.config();
        }

        /** @return how often close() was called */
        public int closes() {
            return closes;
        }

        @Override
        public void connect() {
            if (config().value("fail", "").equals("connect")) {
                throw DatastoreException.of(ErrorCode.CONNECTION, name(), type(), "refused on purpose");
            }
            connected = true;
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void close() {
            closes++;
            connected = false;
            if (config().value("fail", "").equals("close")) {
                throw DatastoreException.of(ErrorCode.CONNECTION, name(), type(), "close failed on purpose");
            }
        }

        @Override
        public QueryResult query(String sql, Object... params) {
            throw DatastoreException.unsupported(name(), type(), "query");
        }

        @Override
        public long execute(String sql, Object... params) {
            throw DatastoreException.unsupported(name(), type(), "execute");
        }

        @Override
        public ConnectionTest test() {
            return ConnectionTest.succeeded(0, "testing", config().value("database", ""), Instant.now());
        }

        @Override
        public List<String> schemas() {
            return List.of();
        }

        @Override
        public List<TableRef> tables(String schema) {
            return List.of();
        }

        @Override
        public TableInfo describe(TableRef table) {
            throw DatastoreException.of(ErrorCode.NOT_FOUND, name(), type(), "no tables here");
        }

        @Override
        public Datastore database(String logicalName, String... more) {
            return this;
        }
    }

    /** Stands in for provider-postgres. */
    public static final class Postgres extends TestingProvider {
        public Postgres() {
            super(
                    "postgres",
                    Set.of("postgresql"),
                    Set.of("host", "port", "user", "password", "database", "url"),
                    true);
        }
    }

    /** Stands in for provider-mysql. */
    public static final class Mysql extends TestingProvider {
        public Mysql() {
            super("mysql", Set.of("mariadb"), Set.of("host", "port", "user", "password", "database", "url"), true);
        }
    }

    /** Stands in for provider-clickhouse. */
    public static final class ClickHouse extends TestingProvider {
        public ClickHouse() {
            super("clickhouse", Set.of(), Set.of("host", "port", "user", "password", "database", "url"), true);
        }
    }

    /** Stands in for provider-duckdb. */
    public static final class DuckDb extends TestingProvider {
        public DuckDb() {
            super("duckdb", Set.of(), Set.of("database"), false);
        }
    }

    /** Stands in for provider-s3. */
    public static final class S3 extends TestingProvider {
        public S3() {
            super(
                    "s3",
                    Set.of("object_storage"),
                    Set.of(
                            "s3_bucket",
                            "s3_prefix",
                            "aws_access_key_id",
                            "aws_secret_access_key",
                            "region",
                            "endpoint"),
                    false);
        }
    }
}
