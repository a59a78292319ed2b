/**
 * The Apache Cassandra provider: CQL through the Apache {@code java-driver-core}, keyspaces as
 * schemas, token-range bulk reads and asynchronous prepared-insert bulk writes.
 */
package io.datastores.cassandra;
