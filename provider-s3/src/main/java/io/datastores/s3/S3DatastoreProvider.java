package io.datastores.s3;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * S3 and S3-compatible object storage (MinIO, Ceph, R2 …) through the AWS SDK v2: a bucket and
 * prefix hold tables as folders of Parquet (default), CSV, JSON Lines or Arrow IPC objects,
 * written and read as streamed Arrow batches. No SQL: {@code query} and {@code execute} are
 * refused with the fixed unsupported message.
 *
 * <p>Stateless and thread-safe. Opening a datastore creates no client and makes no request.
 */
public final class S3DatastoreProvider implements DatastoreProvider {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.INTROSPECTION, Capability.BULK_READ,
            Capability.BULK_WRITE, Capability.OBJECT_STORAGE);

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("object_storage");
    }

    @Override
    public Category category() {
        return Category.OBJECT;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> connectionKeys() {
        return S3Settings.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        return S3Settings.validate(config);
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        return new S3Datastore(config, CAPABILITIES);
    }
}
