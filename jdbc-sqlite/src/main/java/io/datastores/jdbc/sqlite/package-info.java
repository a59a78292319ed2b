/**
 * What SQLite-family providers share, whatever transport reaches the database (sqlite-jdbc
 * embedded, or libSQL, D1 and StarbaseDB over HTTP): created column types, the value each column
 * affinity is given, and error classification by SQLite's messages.
 */
package io.datastores.jdbc.sqlite;
