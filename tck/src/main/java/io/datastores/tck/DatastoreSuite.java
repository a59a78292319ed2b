package io.datastores.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.datastores.api.Capability;
import io.datastores.api.ConnectionTest;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.spi.DatastoreProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite every datastore passes, whatever its category: discovery through {@link ServiceLoader}
 * with the same capabilities, the connection test, lifecycle (idempotent connect and close, from
 * {@value #THREADS} threads at once, after a failed connect), bad credentials as
 * {@link ErrorCode#AUTHENTICATION}, secrets never in messages or {@code toString()}, a missing
 * table as {@link ErrorCode#NOT_FOUND}, and the capabilities checked both ways: a declared one
 * works, an undeclared one is refused with the fixed message; the structured reads of
 * {@link ReadSuite}; and the SQL-free bulk writes and reads of {@link BulkSuite}. A provider's
 * test extends it (or {@link SqlDatastoreSuite}, which extends it) in a few lines and supplies a
 * fresh, empty datastore.
 */
public abstract class DatastoreSuite implements ReadSuite, BulkSuite {
    /** Threads that share one datastore in the concurrency tests. */
    protected static final int THREADS = 32;

    @TempDir
    private Path workDir;

    /** The datastore under test, fresh for each test and closed after it. */
    protected Datastore datastore;

    @Override
    public Datastore datastore() {
        return datastore;
    }

    /**
     * @param workDir an empty folder the datastore may keep files in
     * @return a new, unconnected, empty datastore
     */
    protected abstract Datastore createDatastore(Path workDir);

    /**
     * @param identifier a name
     * @return the name quoted for this database (double quotes by default)
     */
    protected String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
    /**
     * @return a datastore of this provider whose credentials the server refuses, or empty for
     *     databases without credentials (the authentication test is then skipped, and says why)
     */
    protected Optional<Datastore> createDatastoreWithBadCredentials() {
        return Optional.empty();
    }
    /**
     * @return the secret (password) the datastore under test was configured with, or empty when it
     *     has none; the suite checks it never appears in a message or {@code toString()}
     */
    protected Optional<String> secret() {
        return Optional.empty();
    }

    /**
     * Uses the datastore the way every datastore can be used, and checks the answer: its connection
     * test succeeds. {@link SqlSuite} runs {@code SELECT 1} instead.
     */
    protected void assertUsable() {
        assertThat(datastore.test().success()).isTrue();
    }

    /**
     * @param name the name of a table that does not exist
     * @return what an operation on it throws: {@code describe} by default, a query in {@link SqlSuite}
     */
    protected Throwable failureNaming(String name) {
        return catchThrowable(() -> datastore.describe(TableRef.of(name)));
    }

    @BeforeEach
    void openDatastore() {
        datastore = createDatastore(workDir);
    }

    @AfterEach
    void closeDatastore() {
        // Null when createDatastore skipped the test (no server): the skip must stay a skip.
        if (datastore != null) {
            datastore.close();
        }
    }

    @Test
    void aNewDatastoreIsNotConnected() {
        assertThat(datastore.isConnected())
                .as("a new datastore must not connect by itself")
                .isFalse();
    }

    /**
     * @return for a datastore without SQL whose {@code query} runs a language of its own (CQL,
     *     Cypher), a statement in it that returns one column; empty when {@code query} is refused
     */
    protected Optional<String> ownLanguageQuery() {
        return Optional.empty();
    }

    @Test
    void sqlIsHonouredBothWays() {
        if (datastore.supports(Capability.SQL)) {
            assertThat(datastore.query("SELECT 1 AS one").columns()).hasSize(1);
        } else if (ownLanguageQuery().isPresent()) {
            assertThat(datastore.query(ownLanguageQuery().get()).columns()).hasSize(1);
        } else {
            assertThatThrownBy(() -> datastore.query("SELECT 1"))
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessage("Datastore '" + datastore.name() + "' (" + datastore.type() + ") does not support SQL");
        }
    }

    @Test
    void describingAMissingTableIsNotFound() {
        assumeTrue(datastore.supports(Capability.INTROSPECTION), "does not declare INTROSPECTION");
        assertThatThrownBy(() -> datastore.describe(TableRef.of("no_such_table")))
                .isInstanceOfSatisfying(
                        DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageStartingWith("[" + datastore.name() + "/" + datastore.type() + "]");
    }

    @Test
    void connectionTestReportsVersionAndLatency() {
        ConnectionTest test = datastore.test();

        assertThat(test.success()).as("error: %s", test.error()).isTrue();
        assertThat(test.serverVersion()).isNotBlank();
        assertThat(test.responseMillis()).isGreaterThanOrEqualTo(0);
        assertThat(test.connectedAt()).isNotNull();
        assertThat(test.error()).isNull();
    }

    @Test
    void connectAndCloseAreIdempotentAndReconnect() {
        datastore.connect();
        datastore.connect();
        assertThat(datastore.isConnected()).isTrue();
        datastore.close();
        datastore.close();
        assertThat(datastore.isConnected()).isFalse();
        assertUsable();
        assertThat(datastore.isConnected()).isTrue();
    }

    @Test
    void connectFromManyThreadsAtOnceCreatesOnePool() throws Exception {
        List<Future<?>> calls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < THREADS; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    datastore.connect();
                    assertUsable();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(datastore.isConnected()).isTrue();
    }

    @Test
    void bulkCapabilitiesAreHonouredBothWays() {
        if (datastore.supports(Capability.BULK_READ)) {
            assertThat(datastore.bulkReader()).isNotNull();
        } else {
            assertThatThrownBy(datastore::bulkReader)
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessage("Datastore '" + datastore.name() + "' (" + datastore.type()
                            + ") does not support BULK_READ");
        }
        if (datastore.supports(Capability.BULK_WRITE)) {
            assertThat(datastore.bulkWriter()).isNotNull();
        } else {
            assertThatThrownBy(datastore::bulkWriter)
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
                    .hasMessage("Datastore '" + datastore.name() + "' (" + datastore.type()
                            + ") does not support BULK_WRITE");
        }
    }

    @Test
    void providerIsFoundByServiceLoaderWithTheSameCapabilities() {
        List<DatastoreProvider> matching =
                ServiceLoader.load(DatastoreProvider.class, getClass().getClassLoader()).stream()
                        .map(ServiceLoader.Provider::get)
                        .filter(p -> p.type().equals(datastore.type()))
                        .toList();
        assertThat(matching)
                .as("providers of type %s in META-INF/services", datastore.type())
                .hasSize(1);
        assertThat(matching.get(0).capabilities()).isEqualTo(datastore.capabilities());
        assertThat(matching.get(0).category()).isNotNull();
    }

    @Test
    void badCredentialsAreAuthenticationErrorsWithoutTheSecret() {
        Optional<Datastore> refused = createDatastoreWithBadCredentials();
        assumeTrue(refused.isPresent(), "this provider's database has no credentials to refuse");
        try (Datastore bad = refused.get()) {
            assertThatThrownBy(bad::connect)
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
            ConnectionTest test = bad.test();
            assertThat(test.success()).isFalse();
            assertThat(test.error()).isNotBlank();
            assertThat(bad.isConnected()).isFalse();
        }
    }

    @Test
    void secretsNeverAppearInMessagesOrToString() {
        assumeTrue(secret().isPresent() && !secret().get().isEmpty(), "this datastore is configured without a secret");
        String secret = secret().get();
        assertThat(datastore.toString()).doesNotContain(secret);
        Throwable failure = failureNaming("missing " + secret);
        assertThat(failure).isInstanceOf(DatastoreException.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
        }
    }

    @Test
    @SuppressWarnings("try") // closed inside the block on purpose: the other datastore must stay usable
    void aFailedConnectLeavesTheDatastoreUsable() {
        Optional<Datastore> refused = createDatastoreWithBadCredentials();
        assumeTrue(refused.isPresent(), "this provider's database has no credentials to refuse");
        try (Datastore bad = refused.get()) {
            assertThatThrownBy(bad::connect).isInstanceOf(DatastoreException.class);
            assertThatThrownBy(bad::connect)
                    .as("a second attempt fails the same way, not with a stale state")
                    .isInstanceOfSatisfying(
                            DatastoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
            bad.close();
        }
        assertThat(datastore.test().success()).isTrue();
    }
}
