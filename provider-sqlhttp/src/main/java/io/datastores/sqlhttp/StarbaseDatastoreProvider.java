package io.datastores.sqlhttp;

/**
 * StarbaseDB (SQLite in a Cloudflare Durable Object behind an HTTP API), {@code type: starbasedb}:
 * {@code connection: {url: https://starbasedb.example.workers.dev, token: ${STARBASE_TOKEN}}}.
 * Statements go to {@code /query/raw}; its {@code transaction} body runs statements one after another
 * without atomicity, so TRANSACTIONS is not declared: each Arrow batch is staged and moved by one
 * statement, and {@code beforeCommit} is refused. Integers come back as JSON numbers: {@code query}
 * rounds those beyond 2^53, bulk reads keep them exact.
 *
 * <p>Stateless and thread-safe. Opening a datastore sends nothing.
 */
public final class StarbaseDatastoreProvider extends SqlHttpProvider {
    /** Declares StarbaseDB. */
    public StarbaseDatastoreProvider() {
        super(Service.STARBASE);
    }
}
