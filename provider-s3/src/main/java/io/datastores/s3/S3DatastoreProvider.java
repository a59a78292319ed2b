package io.datastores.s3;

import static io.datastores.api.Capability.BULK_READ;
import static io.datastores.api.Capability.BULK_WRITE;
import static io.datastores.api.Capability.INTROSPECTION;
import static io.datastores.api.Capability.OBJECT_STORAGE;

import io.datastores.api.Category;
import io.datastores.api.spi.DeclaredProvider;

/**
 * S3 and S3-compatible object storage (MinIO, Ceph, R2 …) through the AWS SDK v2: a bucket and
 * prefix hold tables as folders of Parquet (default), CSV, JSON Lines or Arrow IPC objects,
 * written and read as streamed Arrow batches. No SQL: {@code query} and {@code execute} are
 * refused with the fixed unsupported message.
 *
 * <p>Stateless and thread-safe. Opening a datastore creates no client and makes no request.
 */
public final class S3DatastoreProvider extends DeclaredProvider {
    /** Declares S3. */
    public S3DatastoreProvider() {
        super(declare("s3", Category.OBJECT)
                .aliases("object_storage")
                .capabilities(INTROSPECTION, BULK_READ, BULK_WRITE, OBJECT_STORAGE)
                .check(S3Settings.KEYS, S3Settings::validate)
                // A lambda, not a method reference: S3Datastore (and the AWS SDK) load on first open.
                .opens((config, capabilities) -> new S3Datastore(config, capabilities)));
    }
}
