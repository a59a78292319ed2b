package io.datastores.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.datastores.api.Capability;
import io.datastores.api.Datastore;
import io.datastores.api.TableRef;
import io.datastores.api.arrow.CanonicalTypes;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.ColumnDefinition;
import io.datastores.api.bulk.TableCreator.TargetType;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.core.Datastores;
import io.datastores.core.TransferPlan;
import io.datastores.core.TransferResult;
import io.datastores.jdbc.TestingArrow;
import io.datastores.jdbc.TestingServers;
import io.datastores.jdbc.TestingZoo;
import io.datastores.redis.TestingRedis;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every ordered pair of installed SQL providers round-trips the type zoo: the zoo is loaded into
 * the source (through its own bulk writer), copied to the target with a transfer, read back, and
 * compared value by value. Where a database cannot hold a value exactly, the plan names the loss
 * and the test expects exactly that change, nothing more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FidelityMatrixTest {
    /** Databases without NaN/±Infinity/-0.0 get a zoo without them, and so do their partners. */
    private static final Set<String> NO_FLOAT_SPECIALS = Set.of("mysql", "sqlite", "turso", "d1", "starbasedb");
    /** D1 and Durable Object SQLite (StarbaseDB) refuse a row over 2,000,000 bytes: their pairs use a zoo without the 2.4 MB row. */
    private static final Set<String> SMALL_ROWS = Set.of("d1", "starbasedb");

    private static final Set<String> SQL_OVER_HTTP = Set.of("turso", "d1", "starbasedb");

    /**
     * What each loss the plans name does to a value, keyed by the loss text's start. Values are
     * compared in {@code ArrowValues.object}'s form, where UUIDs, JSON, intervals and lists already
     * are their text: storing them as that text changes the type (checked apart), not the value.
     */
    private static final Map<String, UnaryOperator<Object>> LOSSES = Map.of(
            "time zone dropped",
            v -> v instanceof OffsetDateTime t
                    ? t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()
                    : v,
            // The column holds a double (SQLite has no decimal type), and reads back as one.
            "stored as a 64-bit float",
            v -> v instanceof BigDecimal d ? (Object) d.doubleValue() : v,
            CanonicalTypes.UUID_AS_TEXT,
            v -> v,
            CanonicalTypes.JSON_AS_TEXT,
            v -> v,
            CanonicalTypes.INTERVAL_AS_TEXT,
            v -> v,
            CanonicalTypes.LIST_AS_JSON,
            v -> v,
            "NULL list stored as an empty Array",
            v -> v == null ? "[]" : v);

    /** A set of columns every pair round-trips; {@code typed} zoos also have each column's Arrow type checked. */
    private record Zoo(
            String name, Schema schema, BiFunction<BufferAllocator, Boolean, VectorSchemaRoot> create, boolean typed) {}

    private static final Zoo PRIMITIVES = new Zoo("zoo", TestingZoo.SCHEMA, TestingZoo::create, false);
    private static final Zoo TYPES = new Zoo("types", TestingTypesZoo.SCHEMA, TestingTypesZoo::create, true);

    private Path dir;
    private Datastores datastores;
    private BufferAllocator allocator;
    private final List<Runnable> cleanups = new ArrayList<>();
    private final Map<String, TableRef> places = new HashMap<>();

    @BeforeAll
    void setUp() throws Exception {
        dir = Files.createTempDirectory("fidelity");
        Set<String> installed = Datastores.installedProviders(getClass().getClassLoader()).stream()
                .map(p -> p.type())
                .collect(java.util.stream.Collectors.toSet());
        TestingServers.Server pg = TestingServers.postgres();
        StringBuilder yaml = new StringBuilder("datastores:\n");
        yaml.append("  duckdb: {type: duckdb, connection: {database: '")
                .append(dir.resolve("m.duckdb"))
                .append("'}}\n");
        yaml.append("  sqlite: {type: sqlite, connection: {database: '")
                .append(dir.resolve("m.sqlite"))
                .append("'}}\n");
        yaml.append("  postgres: {type: postgres, connection: {host: '")
                .append(pg.host())
                .append("', port: ")
                .append(pg.port())
                .append(", user: '")
                .append(pg.user())
                .append("', password: '${PG_PW}', database: '")
                .append(pg.database())
                .append("'}}\n");
        Map<String, String> passwords = new HashMap<>(Map.of("PG_PW", pg.password()));
        if (installed.contains("mysql")) {
            TestingServers.Server my = TestingServers.mysql();
            yaml.append("  mysql: {type: mysql, connection: {host: '")
                    .append(my.host())
                    .append("', port: ")
                    .append(my.port())
                    .append(", user: '")
                    .append(my.user())
                    .append("', password: '${MY_PW}', database: '")
                    .append(my.database())
                    .append("'}}\n");
            passwords.put("MY_PW", my.password());
        }
        if (installed.contains("clickhouse")) {
            TestingServers.Server ch = TestingServers.clickhouse();
            // The loopback chDB shim cannot compress responses; a real server does not need it here.
            yaml.append("  clickhouse: {type: clickhouse, connection: {host: '")
                    .append(ch.host())
                    .append("', port: ")
                    .append(ch.port())
                    .append(", user: '")
                    .append(ch.user())
                    .append("', password: '${CH_PW}', database: '")
                    .append(ch.database())
                    .append("', properties: {compress: 'false'}}}\n");
            passwords.put("CH_PW", ch.password());
        }
        if (installed.contains("turso")) {
            // The real sqld that provider-sqlhttp/src/test/servers/start.sh runs (its whole database is the test's).
            yaml.append("  turso: {type: turso, connection: {url: '")
                    .append(TestingTurso.url())
                    .append("', token: '${TURSO_TOKEN}'}}\n");
            passwords.put("TURSO_TOKEN", TestingTurso.token());
            // D1's REST envelope and StarbaseDB's, emulated by provider-sqlhttp's test worker (wrangler, workerd's
            // SQLite).
            String worker = TestingTurso.workerUrl();
            yaml.append("  d1: {type: d1, connection: {url: '")
                    .append(worker)
                    .append("/client/v4', account_id: matrix, ")
                    .append("database_id: ")
                    .append(TestingTurso.D1_DATABASE)
                    .append(", api_token: '${D1_TOKEN}'}}\n");
            yaml.append("  starbasedb: {type: starbasedb, connection: {url: '")
                    .append(worker)
                    .append("/starbase/")
                    .append(TestingServers.uniqueName("matrix"))
                    .append("', token: '${STARBASE_TOKEN}'}}\n");
            passwords.put("D1_TOKEN", TestingTurso.token("wrangler/d1_token", "DATASTORES_TEST_D1_TOKEN"));
            passwords.put(
                    "STARBASE_TOKEN", TestingTurso.token("wrangler/starbase_token", "DATASTORES_TEST_STARBASE_TOKEN"));
        }
        if (installed.contains("redis")) {
            // The local redis-server (provider-redis/src/test/redis/start.sh), in a namespace of its own.
            TestingRedis redis = TestingRedis.open();
            cleanups.add(redis::close);
            yaml.append("  redis: {type: redis, connection: ")
                    .append(redis.yaml())
                    .append("}\n");
        }
        datastores = Datastores.fromYaml(yaml.toString(), passwords);
        allocator = new RootAllocator();
        String pgSchema = TestingServers.uniqueName("matrix");
        datastores.get("postgres").execute("CREATE SCHEMA \"" + pgSchema + "\"");
        cleanups.add(() -> datastores.get("postgres").execute("DROP SCHEMA \"" + pgSchema + "\" CASCADE"));
        places.put("postgres", TableRef.of(pgSchema, "x"));
        if (installed.contains("mysql")) {
            String myDatabase = TestingServers.uniqueName("matrix");
            datastores.get("mysql").execute("CREATE DATABASE `" + myDatabase + "`");
            cleanups.add(() -> datastores.get("mysql").execute("DROP DATABASE `" + myDatabase + "`"));
            places.put("mysql", TableRef.of(myDatabase, "x"));
        }
        if (installed.contains("clickhouse")) {
            String chDatabase = TestingServers.uniqueName("matrix");
            datastores.get("clickhouse").execute("CREATE DATABASE `" + chDatabase + "`");
            cleanups.add(() -> datastores.get("clickhouse").execute("DROP DATABASE `" + chDatabase + "`"));
            places.put("clickhouse", TableRef.of(chDatabase, "x"));
        }
        if (installed.contains("redis")) {
            places.put("redis", TableRef.of("x"));
        }
        places.put("duckdb", TableRef.of("main", "x"));
        places.put("sqlite", TableRef.of("x"));
        if (installed.contains("turso")) {
            for (String sqlOverHttp : List.of("turso", "d1", "starbasedb")) {
                places.put(sqlOverHttp, TableRef.of("x"));
                cleanups.add(() -> TestingTurso.dropZooTables(datastores.get(sqlOverHttp)));
                TestingTurso.dropZooTables(datastores.get(sqlOverHttp));
            }
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            cleanups.forEach(Runnable::run);
        } finally {
            datastores.close();
            allocator.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private TableRef table(String datastore, String name) {
        TableRef place = places.get(datastore);
        return new TableRef(place.schema(), name);
    }

    @TestFactory
    Stream<DynamicTest> everyPairRoundTripsTheZoo() {
        return pairs(PRIMITIVES);
    }

    @TestFactory
    Stream<DynamicTest> everyPairRoundTripsUuidJsonListsAndIntervalsAsTypes() {
        return pairs(TYPES);
    }

    private Stream<DynamicTest> pairs(Zoo zoo) {
        List<Datastore> sources = datastores.list().stream()
                .filter(d -> d.supports(Capability.BULK_READ))
                .toList();
        List<Datastore> targets = datastores.list().stream()
                .filter(d -> d.supports(Capability.BULK_WRITE))
                .toList();
        assertThat(sources).as("PostgreSQL at least reads in bulk").isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Datastore source : sources) {
            for (Datastore target : targets) {
                if (!zoo.typed()
                        && (source.type().equals("clickhouse") || target.type().equals("clickhouse"))) {
                    // The primitive zoo's dates (year 1000, 9999) are outside ClickHouse's range, which
                    // the plan names and the write refuses; ClickHouse's primitive types have their own suite.
                    continue;
                }
                if (zoo.typed() && (SQL_OVER_HTTP.contains(source.type()) || SQL_OVER_HTTP.contains(target.type()))) {
                    // Not yet: their table creators refuse lists, UUID and JSON (a loud unmappable-type
                    // error before any row moves, not a silent change) and their integer ids read back
                    // as 64-bit; the primitive zoo covers them. See README "SQLite over HTTP".
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(
                        source.name() + " -> " + target.name(), () -> roundTrip(zoo, source, target)));
            }
        }
        return tests.stream();
    }

    private void roundTrip(Zoo zoo, Datastore source, Datastore target) throws Exception {
        boolean specials = !NO_FLOAT_SPECIALS.contains(source.type()) && !NO_FLOAT_SPECIALS.contains(target.type());
        boolean large = !SMALL_ROWS.contains(source.type()) && !SMALL_ROWS.contains(target.type());
        String suffix = zoo.name() + (specials ? "_specials" : "_plain") + (large ? "" : "_small");
        TableRef zooTable = table(source.name(), suffix);
        List<List<Object>> rows;
        Map<String, List<String>> sourceLosses;
        try (VectorSchemaRoot root = zoo.typed() || large
                ? zoo.create().apply(allocator, specials)
                : TestingZoo.create(allocator, specials, false)) {
            rows = TestingArrow.rows(TestingArrow.reader(allocator, root));
            sourceLosses = loadZoo(zoo, source, zooTable, root);
        }
        TableRef copied = table(target.name(), "from_" + source.name() + "_" + suffix);
        TransferResult result = datastores
                .copy(source.name(), zooTable, target.name(), copied)
                .batchSize(2)
                .run();
        assertThat(result.rows()).isEqualTo(rows.size());

        Map<String, List<String>> planLosses = losses(result.plan());
        List<Field> fields = zoo.schema().getFields();
        List<List<Object>> expected = apply(fields, apply(fields, rows, sourceLosses), planLosses);
        ArrowReader readBack = target.bulkReader().read(ReadRequest.table(copied), allocator);
        List<Field> readFields = readBack.getVectorSchemaRoot().getSchema().getFields();
        List<List<Object>> actual = TestingArrow.rows(readBack);
        actual.sort(Comparator.comparing(row -> ((Number) row.get(0)).intValue()));
        for (int column = 0; zoo.typed() && column < fields.size(); column++) {
            String name = fields.get(column).getName();
            if (sourceLosses.get(name).isEmpty() && planLosses.get(name).isEmpty()) {
                assertThat(TestingTypesZoo.shape(readFields.get(column)))
                        .as(
                                "%s -> %s, column %s: no loss was named, so the type comes back",
                                source.name(), target.name(), name)
                        .isEqualTo(TestingTypesZoo.shape(fields.get(column)));
            }
        }
        for (int row = 0; row < expected.size(); row++) {
            for (int column = 0; column < fields.size(); column++) {
                assertThat(canonical(actual.get(row).get(column)))
                        .as(
                                "%s -> %s, row %d, column %s",
                                source.name(),
                                target.name(),
                                row,
                                fields.get(column).getName())
                        .isEqualTo(canonical(expected.get(row).get(column)));
            }
        }
    }

    /** Creates the zoo table in the source with the source's own types and loads it; returns its losses. */
    private Map<String, List<String>> loadZoo(Zoo zoo, Datastore source, TableRef zooTable, VectorSchemaRoot root)
            throws Exception {
        TableCreator creator = source.feature(TableCreator.class).orElseThrow();
        Map<String, List<String>> losses = new HashMap<>();
        List<ColumnDefinition> columns = new ArrayList<>();
        for (Field field : zoo.schema().getFields()) {
            TargetType type = creator.columnType(field).orElseThrow();
            losses.put(field.getName(), type.losses());
            columns.add(new ColumnDefinition(field.getName(), type.ddl(), field.isNullable()));
        }
        try {
            source.describe(zooTable);
            return losses;
        } catch (io.datastores.api.DatastoreException e) {
            creator.createTable(zooTable, columns, List.of("id"));
        }
        try (var batches = TestingArrow.reader(allocator, root)) {
            source.bulkWriter().write(WriteRequest.append(zooTable), batches);
        }
        return losses;
    }

    private static Map<String, List<String>> losses(TransferPlan plan) {
        Map<String, List<String>> losses = new HashMap<>();
        plan.columns().forEach(c -> losses.put(c.name(), c.losses()));
        return losses;
    }

    private static List<List<Object>> apply(
            List<Field> fields, List<List<Object>> rows, Map<String, List<String>> losses) {
        List<List<Object>> changed = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> values = new ArrayList<>(row);
            for (int column = 0; column < fields.size(); column++) {
                for (String loss : losses.getOrDefault(fields.get(column).getName(), List.of())) {
                    UnaryOperator<Object> effect = LOSSES.entrySet().stream()
                            .filter(e -> loss.startsWith(e.getKey()))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("the test does not know the loss '" + loss + "'"));
                    // Effects pass NULL through, but for a loss that is about NULL.
                    values.set(column, effect.apply(values.get(column)));
                }
            }
            changed.add(values);
        }
        return changed;
    }

    /** One form per value, so equal values of different Java types compare equal. */
    private static Object canonical(Object value) {
        if (value instanceof Byte
                || value instanceof Short
                || value instanceof Integer
                || value instanceof Long
                || value instanceof BigInteger) {
            return new BigInteger(value.toString());
        }
        if (value instanceof BigDecimal decimal) {
            return canonicalDecimal(decimal);
        }
        if (value instanceof Float f) {
            // Widening is exact: a database whose floats are all doubles (SQLite) returns this value.
            return (double) f;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof LocalDateTime || value == null) {
            return value;
        }
        return value;
    }

    private static BigDecimal canonicalDecimal(BigDecimal decimal) {
        return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    }
}
