package io.datastores.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatastoreExceptionTest {
    @Test
    void unsupportedHasTheFixedMessage() {
        DatastoreException e = DatastoreException.unsupported("orders", "postgres", Capability.BULK_WRITE);
        assertThat(e.getMessage()).isEqualTo("Datastore 'orders' (postgres) does not support BULK_WRITE");
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(e.datastore()).contains("orders");
    }

    @Test
    void datastoreMessagesArePrefixed() {
        DatastoreException e = DatastoreException.of(ErrorCode.NOT_FOUND, "orders", "postgres", "Table 'x' not found");
        assertThat(e.getMessage()).isEqualTo("[orders/postgres] Table 'x' not found");
        assertThat(e.sqlState()).isEmpty();
    }

    @Test
    void withCauseKeepsEverythingElse() {
        IllegalStateException cause = new IllegalStateException("boom");
        DatastoreException e = DatastoreException.of(ErrorCode.CONNECTION, "a", "duckdb", "down")
                .withCause(cause);
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
        assertThat(e.getMessage()).isEqualTo("[a/duckdb] down");
    }
}
