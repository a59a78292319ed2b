package io.datastores.sqlhttp;

/**
 * Cloudflare D1 through its REST API, {@code type: d1}: {@code connection: {account_id: …, database_id: …,
 * api_token: ${CLOUDFLARE_API_TOKEN}}} (and {@code url}, by default
 * {@code https://api.cloudflare.com/client/v4}). Statements go to {@code …/d1/database/{id}/raw}; a
 * statement binds at most 100 parameters, so bulk writes send a few rows a statement. There is no
 * transaction across requests: TRANSACTIONS is not declared, each Arrow batch is staged and moved by one
 * statement, and {@code beforeCommit} is refused. D1 answers integers as JSON numbers, so
 * {@code query} rounds those beyond 2^53; bulk reads select them as text and keep them exact.
 *
 * <p>Stateless and thread-safe. Opening a datastore sends nothing.
 */
public final class D1DatastoreProvider extends SqlHttpProvider {
    /** Declares D1. */
    public D1DatastoreProvider() {
        super(Service.D1);
    }
}
