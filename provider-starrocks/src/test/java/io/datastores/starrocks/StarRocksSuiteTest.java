package io.datastores.starrocks;

import io.datastores.api.Datastore;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.PoolSettings;
import io.datastores.jdbc.TestingServers;
import io.datastores.tck.SqlDatastoreSuite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The provider test kit against a StarRocks datastore whose MySQL-protocol half is the local
 * MariaDB and whose Stream Load half is {@link StreamLoadContractServer} storing into that MariaDB
 * (as StarRocks' table models would: appends, or upserts by primary key). It proves the SQL path
 * where the dialects agree and the whole bulk path end to end (Arrow → JSON → HTTP → rows read back
 * over SQL); it is not a real StarRocks. Cases where StarRocks and MariaDB disagree are switched
 * off by {@link Differences}, each with its reason.
 */
@ExtendWith(StarRocksSuiteTest.Differences.class)
class StarRocksSuiteTest extends SqlDatastoreSuite {
    private final TestingServers.Server server = TestingServers.mysql();
    private final String database = TestingServers.uniqueName("tck");
    private Datastore admin;
    private StreamLoadContractServer streamLoad;

    /** Turns off the kit's cases that cannot hold for StarRocks over MariaDB, saying why. */
    static final class Differences implements ExecutionCondition {
        private static final String READ_SUITE = "The read suite creates its tables through the table creator, "
                + "whose StarRocks DDL MariaDB cannot run; StarRocks reads with datastores-jdbc's ReadSql SELECT, "
                + "checked on MariaDB by MySqlSuiteTest (there with MySQL's binary text cast, which StarRocks, "
                + "comparing bytes, does without: not checked against a real StarRocks)";
        private static final String BULK_SUITE = "The SQL-free bulk suite creates its tables through the table "
                + "creator, whose StarRocks DDL MariaDB cannot run; StarRocks' Stream Load writes are checked by the "
                + "SQL-created bulk cases here and by StreamLoadContractTest";
        private static final Map<String, String> REASONS = Map.ofEntries(
                Map.entry("bulkWriteThenTableReadRoundTrips", BULK_SUITE),
                Map.entry("aSourceThatBreaksAfterItsFirstBatchLeavesNoPartOfABatch", BULK_SUITE),
                Map.entry("upsertReplacesByKeyOrIsRefused", BULK_SUITE),
                Map.entry("typeZooRoundTripsThroughATableRead", BULK_SUITE),
                Map.entry("everyPredicateSelectsExactlyTheOraclesRowsPushedDownOrNot", READ_SUITE),
                Map.entry("projectionAndLimitReturnWhatWasAskedPushedDownOrNot", READ_SUITE),
                Map.entry("partitionsOfOneToEightCoverTheTableWithNoRowTwice", READ_SUITE),
                Map.entry("partitionsOfAnEmptyTableReadNothing", READ_SUITE),
                Map.entry(
                        "typeZooRoundTripsExceptForTheLossesItsColumnTypesName",
                        "The table creator writes StarRocks DDL "
                                + "(PRIMARY/DUPLICATE KEY ... DISTRIBUTED BY HASH), which MariaDB cannot run; the mapping and "
                                + "DDL are checked in StarRocksTableCreatorTest"),
                Map.entry(
                        "aBulkWriteThatFailsHalfWayLeavesTheTableAsItWas",
                        "The kit makes the load fail half-way with a "
                                + "duplicate key, but StarRocks PRIMARY KEY tables upsert instead of failing; the rollback of a "
                                + "failed transaction is covered by StreamLoadContractTest"));

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason =
                    context.getTestMethod().map(m -> REASONS.get(m.getName())).orElse(null);
            return reason == null
                    ? ConditionEvaluationResult.enabled("StarRocks and MariaDB agree")
                    : ConditionEvaluationResult.disabled("Differs on StarRocks: " + reason);
        }
    }

    private Datastore open(String user, String password, String inDatabase, int httpPort) {
        Map<String, String> connection = new HashMap<>(Map.of(
                "host",
                server.host(),
                "port",
                String.valueOf(server.port()),
                "user",
                user,
                "password",
                password,
                "database",
                inDatabase,
                "http_port",
                String.valueOf(httpPort)));
        return new StarRocksDatastoreProvider()
                .open(new DatastoreConfig(
                        TestingServers.uniqueName("sr"),
                        "starrocks",
                        "",
                        List.of(),
                        true,
                        connection,
                        Map.of(),
                        new PoolSettings(0, 8, Duration.ofSeconds(5)),
                        Map.of()));
    }

    @Override
    protected Datastore createDatastore(Path workDir) {
        try {
            streamLoad =
                    new StreamLoadContractServer(new MariaDbContractStorage(server), server.user(), server.password());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        admin = open(server.user(), server.password(), server.database(), streamLoad.fePort());
        admin.execute("CREATE DATABASE " + quote(database));
        return open(server.user(), server.password(), database, streamLoad.fePort());
    }

    @AfterEach
    void dropDatabase() throws IOException {
        try (Datastore closing = admin;
                StreamLoadContractServer stopping = streamLoad) {
            closing.execute("DROP DATABASE " + quote(database));
        }
    }

    @Override
    public boolean supportsFloatSpecials() {
        return false;
    }

    @Override
    protected String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.of(open(
                "no_such_user_" + database.substring(4, 12), "wrong-Pa55", server.database(), streamLoad.fePort()));
    }

    @Override
    protected Optional<String> secret() {
        return server.password().isEmpty() ? Optional.empty() : Optional.of(server.password());
    }
}
