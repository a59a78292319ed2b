package io.datastores.api.bulk;

/**
 * What a {@link BulkWriter} did.
 *
 * @param rows rows written
 * @param batches batches consumed
 * @param bytes bytes sent to the database
 * @param elapsedMillis wall time of the whole write
 */
public record WriteResult(long rows, long batches, long bytes, long elapsedMillis) {}
