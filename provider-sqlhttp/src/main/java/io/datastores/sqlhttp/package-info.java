/**
 * SQLite over HTTP: libSQL/Turso (Hrana), Cloudflare D1 (its REST API) and StarbaseDB, as SQL
 * datastores with Arrow bulk reads and writes, on the JDK {@code HttpClient} and Jackson.
 */
package io.datastores.sqlhttp;
