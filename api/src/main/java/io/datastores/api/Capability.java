package io.datastores.api;

/**
 * What a datastore can do, declared by its provider so callers can decide without trying. A
 * provider that declares a capability must pass the matching suite of the provider test kit; one
 * that does not declare it must refuse the operation with
 * {@link DatastoreException#unsupported(String, String, Object)}.
 */
public enum Capability {
    /** {@link Datastore#query} and {@link Datastore#execute} accept SQL. */
    SQL,
    /** Statements can be grouped in transactions. */
    TRANSACTIONS,
    /** Connections are pooled; the pool settings of the configuration apply. */
    POOLING,
    /** Schemas, tables, columns and primary keys can be listed. */
    INTROSPECTION,
    /** The datastore has schemas, so logical databases ({@code databases:}) can map onto them. */
    SCHEMAS,
    /** Tables can be read as Arrow batches through a {@link io.datastores.api.bulk.BulkReader}. */
    BULK_READ,
    /** Arrow batches can be written through a {@link io.datastores.api.bulk.BulkWriter}. */
    BULK_WRITE,
    /** Rows can be inserted or updated by key in one operation. */
    UPSERT,
    /** Session-scoped temporary tables can be created. */
    TEMP_TABLES,
    /** The datastore keeps objects (files) rather than tables. */
    OBJECT_STORAGE,
    /** The datastore accepts HTTP stream loads. */
    STREAM_LOAD,
    /** The database runs inside this process; no server is needed. */
    EMBEDDED
}
