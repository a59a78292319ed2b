package io.datastores.api;

/** The broad family a datastore type belongs to. */
public enum Category {
    /** Relational databases queried with SQL. */
    SQL,
    /** Document stores. */
    DOCUMENT,
    /** Key-value stores. */
    KEYVALUE,
    /** Graph databases. */
    GRAPH,
    /** Column-family stores. */
    COLUMN,
    /** Object storage (S3 and compatible). */
    OBJECT
}
