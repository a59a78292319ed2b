package com.example.h2;

import io.datastores.api.Capability;
import io.datastores.jdbc.BaseJdbcProvider;

/**
 * H2, embedded: {@code type: h2}, {@code connection: {database: ./data/app, user: sa, password: ...}}
 * (a file path without the {@code .mv.db} suffix, or {@code :memory:}). Declared on
 * {@code datastores-jdbc}: pooling, queries, introspection, logical databases as schemas, bulk reads
 * from a streamed result set and bulk writes as bound multi-row INSERTs come from the base.
 */
public final class H2DatastoreProvider extends BaseJdbcProvider {
    /** Declares H2. */
    public H2DatastoreProvider() {
        super(define("h2")
                .capabilities(Capability.TRANSACTIONS, Capability.SCHEMAS, Capability.EMBEDDED, Capability.BULK_READ,
                        Capability.BULK_WRITE)
                .embeddedFile().connectionKeys("user", "password")
                .dialect(H2Dialect::new)
                .insertWrites()
                .streamingReads(10_000));
    }
}
