/**
 * The public API of the Datastores SDK: named datastores, queries, connection tests,
 * introspection and the errors they report. Depends on no driver, pool or YAML library.
 */
package io.datastores.api;
