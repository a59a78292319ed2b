package io.datastores.sqlhttp;

/**
 * libSQL: Turso's databases and a self-hosted {@code sqld}, {@code type: turso} (alias {@code libsql}),
 * {@code connection: {url: libsql://db-org.turso.io, token: ${TURSO_TOKEN}}}. Speaks Hrana over HTTP
 * ({@code /v3/pipeline}, {@code /v3/cursor}); a bulk write is one transaction on one stream, with the
 * request's {@code beforeCommit} statements, so TRANSACTIONS is declared.
 *
 * <p>Stateless and thread-safe. Opening a datastore sends nothing.
 */
public final class TursoDatastoreProvider extends SqlHttpProvider {
    /** Declares libSQL. */
    public TursoDatastoreProvider() {
        super(Service.TURSO);
    }
}
