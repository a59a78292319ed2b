/**
 * S3 and S3-compatible object storage as a datastore of tables: Parquet, CSV, JSON Lines or
 * Arrow IPC objects, streamed through multipart uploads and ranged reads.
 */
package io.datastores.s3;
