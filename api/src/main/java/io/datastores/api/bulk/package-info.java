/**
 * Arrow bulk interfaces: the hot path that moves data between datastores in columnar batches.
 * Using them needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on the JVM command line.
 */
package io.datastores.api.bulk;
