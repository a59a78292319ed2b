package io.datastores.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.tck.TckReaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the server refuses: a value the column refuses half way through a bulk write (what was stored
 * is stated and checked, and the corrected write converges), text that is not UTF-8, a wrong password, a
 * host that does not exist.
 */
class CassandraRefusalsTest {
    private static final int ROWS = 1_000;
    private static final int BATCH = 100;
    /** Row 437's key is 70,000 bytes: Cassandra refuses partition keys over 65,535 bytes. */
    private static final int REFUSED = 437;

    private static final Schema SCHEMA = new Schema(List.of(
            new Field("name", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null)));

    private DatastoreConfig config;
    private final TableRef table = TableRef.of("refused");

    @BeforeEach
    void open() {
        config = TestingCassandra.freshKeyspace("cassandra_refusals");
        try (Datastore datastore = TestingCassandra.open(config)) {
            datastore.execute("CREATE TABLE refused (name text PRIMARY KEY, id bigint)");
        }
    }

    @AfterEach
    void close() {
        TestingCassandra.dropKeyspace(config);
    }

    @Test
    void aValueTheServerRefusesHalfWayStoresExactlyTheRowsBeforeItAndTheCorrectedRerunConverges() {
        // One insert in flight: the write stops at the refused row, so exactly the rows before it are stored.
        try (Datastore one = TestingCassandra.open(with(Map.of("max_in_flight", "1")))) {
            assertThatThrownBy(() -> write(one, true)).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA);
                assertThat(e.getMessage())
                        .contains("Key length of 70000 is longer than maximum of 65535")
                        .contains(REFUSED + " rows were stored before the failure");
            });
            assertThat(names()).isEqualTo(names(0, REFUSED));

            assertThat(write(one, false).rows()).isEqualTo(ROWS);
            assertThat(names()).isEqualTo(names(0, ROWS));
        }
    }

    @Test
    void withManyInFlightTheStatedCountIsWhatWasStored() {
        try (Datastore datastore = TestingCassandra.open(config)) {
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> write(datastore, true));
            assertThat(failure).isInstanceOf(DatastoreException.class);
            Matcher stated = Pattern.compile("\\((\\d+) rows were stored before the failure")
                    .matcher(failure.getMessage());
            assertThat(stated.find()).as(failure.getMessage()).isTrue();
            Set<String> stored = names();
            // Rows after the refused one may already have been in flight; every one of them was counted.
            assertThat(stored).hasSize(Integer.parseInt(stated.group(1))).containsAll(names(0, REFUSED));

            assertThat(write(datastore, false).rows()).isEqualTo(ROWS);
            assertThat(names()).isEqualTo(names(0, ROWS));
        }
    }

    @Test
    void textThatIsNotUtf8IsRefusedNotStoredAltered() {
        // The writer sends a text cell's bytes as they are; the server checks them (it once became U+FFFD).
        byte[] broken = {'b', 'a', 'd', (byte) 0xC3, '('};
        try (Datastore one = TestingCassandra.open(with(Map.of("max_in_flight", "1")))) {
            assertThatThrownBy(() -> write(one, broken)).isInstanceOfSatisfying(DatastoreException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATA);
                assertThat(e.getMessage()).contains(REFUSED + " rows were stored before the failure");
            });
            assertThat(names()).isEqualTo(names(0, REFUSED));
        }
    }

    @Test
    void aWrongPasswordIsAuthenticationAndNoMessageHoldsIt() {
        String wrong = "not-the-Pa55word-" + System.nanoTime();
        try (Datastore refused = TestingCassandra.open(with(Map.of("password", wrong)))) {
            DatastoreException e =
                    (DatastoreException) org.assertj.core.api.Assertions.catchThrowable(refused::connect);
            assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION);
            assertThat(e.getMessage())
                    .contains("refused the credentials of user '"
                            + TestingCassandra.server().user() + "'")
                    .contains(config.value("host").orElseThrow() + ":"
                            + config.value("port").orElseThrow());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong);
            }
            ConnectionTest test = refused.test();
            assertThat(test.success()).isFalse();
            assertThat(test.error()).doesNotContain(wrong);
            assertThat(refused.toString()).doesNotContain(wrong);
        }
    }

    @Test
    void aHostThatDoesNotExistIsAConnectionErrorNamingHostAndPort() {
        try (Datastore nowhere = TestingCassandra.open(TestingCassandra.config(
                "cassandra_nowhere", Map.of("host", "no-such-cassandra.invalid", "port", "9042")))) {
            assertThatThrownBy(nowhere::connect)
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION))
                    .hasMessageContaining("no-such-cassandra.invalid:9042");
            assertThat(nowhere.isConnected()).isFalse();
        }
    }

    private DatastoreConfig with(Map<String, String> extra) {
        Map<String, String> connection =
                new HashMap<>(Map.of("keyspace", config.value("keyspace").orElseThrow()));
        connection.putAll(extra);
        return TestingCassandra.config("cassandra_refusals", connection);
    }

    private Set<String> names() {
        return TestingCassandra.admin()
                .execute("SELECT name FROM " + config.value("keyspace").orElseThrow() + ".refused")
                .all()
                .stream()
                .map(row -> row.getString(0))
                .collect(Collectors.toSet());
    }

    private static Set<String> names(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "name-" + i).collect(Collectors.toCollection(HashSet::new));
    }

    private WriteResult write(Datastore target, boolean refusedRow) {
        return write(target, refusedRow ? "x".repeat(70_000).getBytes(StandardCharsets.UTF_8) : null);
    }

    private WriteResult write(Datastore target, byte[] refusedName) {
        try (BufferAllocator allocator = new RootAllocator();
                ArrowReader rows = reader(allocator, refusedName)) {
            return target.bulkWriter().write(WriteRequest.append(table), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@value #ROWS} rows {@code ("name-i", i)}; row {@value #REFUSED}'s name is {@code refusedName} when given. */
    private static ArrowReader reader(BufferAllocator allocator, byte[] refusedName) {
        return TckReaders.of(allocator, SCHEMA, (root, batch) -> {
            if (batch * BATCH >= ROWS) {
                return 0;
            }
            for (int i = 0; i < BATCH; i++) {
                int id = batch * BATCH + i;
                byte[] name = refusedName != null && id == REFUSED
                        ? refusedName
                        : ("name-" + id).getBytes(StandardCharsets.UTF_8);
                ((VarCharVector) root.getVector("name")).setSafe(i, name);
                ((BigIntVector) root.getVector("id")).setSafe(i, id);
            }
            return BATCH;
        });
    }
}
