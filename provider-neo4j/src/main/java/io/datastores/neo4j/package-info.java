/**
 * The Neo4j provider: Cypher through the official {@code neo4j-java-driver}, node labels and
 * relationship types as tables, UNWIND/MERGE bulk writes and keyset-paginated bulk reads.
 */
package io.datastores.neo4j;
