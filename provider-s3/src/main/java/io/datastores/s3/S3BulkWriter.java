package io.datastores.s3;

import io.datastores.api.Capability;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.bulk.BulkWriter;
import io.datastores.api.bulk.WriteMode;
import io.datastores.api.bulk.WriteRequest;
import io.datastores.api.bulk.WriteResult;
import io.datastores.api.spi.DatastoreConfig;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Writes a table as parts {@code part-<write>-00000.<format>}, … of at most {@code part_size_mb}
 * each, streamed through multipart uploads with bounded memory (two upload parts plus what the
 * format buffers: a Parquet row group).
 *
 * <p>All or nothing: no part is published until every batch is encoded and uploaded. Then every
 * upload is completed (only then do the objects appear); a failure before that aborts every
 * upload, and a failure while completing deletes the parts already published. OVERWRITE deletes
 * the table's previous parts only after the new ones are published, so a reader never sees the
 * table empty or half-written (one listing between the two steps may see both old and new parts).
 * APPEND adds parts beside the existing ones; UPSERT is not supported.
 */
final class S3BulkWriter implements BulkWriter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatastoreConfig config;
    private final S3Settings settings;
    private final Supplier<ObjectStore> store;

    S3BulkWriter(DatastoreConfig config, S3Settings settings, Supplier<ObjectStore> store) {
        this.config = config;
        this.settings = settings;
        this.store = store;
    }

    @Override
    public WriteResult write(WriteRequest request, ArrowReader source) {
        if (request.mode() == WriteMode.UPSERT) {
            throw DatastoreException.unsupported(config.name(), config.type(), Capability.UPSERT);
        }
        request.refuseBeforeCommit(config.name(), config.type());
        long start = System.nanoTime();
        ObjectStore objects = store.get();
        Tables tables = new Tables(objects, settings);
        List<String> previous = request.mode() == WriteMode.OVERWRITE
                ? tables.parts(request.table()).stream().map(S3Object::key).toList()
                : List.of();
        String prefix = tables.folder(request.table()) + "part-" + Long.toString(System.currentTimeMillis(), 36) + "-"
                + HexFormat.of().formatHex(RANDOM.generateSeed(3)) + "-";
        List<StagedUpload> uploads = new ArrayList<>();
        long rows = 0;
        long batches = 0;
        long bytes = 0;
        try {
            VectorSchemaRoot root = source.getVectorSchemaRoot();
            checkColumns(root.getSchema());
            StagedUpload upload = null;
            PartWriter part = null;
            while (source.loadNextBatch()) {
                if (upload == null) {
                    upload = next(objects, prefix, uploads);
                    part = settings.format().writer(root.getSchema(), upload);
                }
                part.write(root);
                rows += root.getRowCount();
                batches++;
                if (upload.written() >= settings.partBytes()) {
                    part.finish();
                    upload.close();
                    bytes += upload.written();
                    upload = null;
                }
            }
            if (upload == null && uploads.isEmpty()) {
                // No rows: one part still records the columns, so the table exists with its schema.
                upload = next(objects, prefix, uploads);
                part = settings.format().writer(root.getSchema(), upload);
            }
            if (upload != null) {
                part.finish();
                upload.close();
                bytes += upload.written();
            }
        } catch (IOException | RuntimeException e) {
            abortAll(uploads, e);
            throw failure(request, e);
        }
        publish(uploads);
        if (!previous.isEmpty()) {
            objects.delete(previous);
        }
        return new WriteResult(rows, batches, bytes, (System.nanoTime() - start) / 1_000_000);
    }

    private StagedUpload next(ObjectStore objects, String prefix, List<StagedUpload> uploads) {
        StagedUpload upload = new StagedUpload(
                objects,
                prefix
                        + String.format("%05d.", uploads.size())
                        + settings.format().key());
        uploads.add(upload);
        return upload;
    }

    private void checkColumns(Schema schema) {
        for (Field field : schema.getFields()) {
            if (settings.format().columnType(field).isEmpty()) {
                throw DatastoreException.of(
                        ErrorCode.UNSUPPORTED,
                        config.name(),
                        config.type(),
                        "Column '"
                                + field.getName() + "' of Arrow type " + field.getType() + " cannot be stored in "
                                + settings.format().key() + "; cast it in the source query");
            }
        }
    }

    /** Completes every upload; if one fails, deletes those already published and aborts the rest. */
    private void publish(List<StagedUpload> uploads) {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            try {
                uploads.get(i).publish();
                published.add(uploads.get(i).key());
            } catch (RuntimeException e) {
                abortAll(uploads.subList(i + 1, uploads.size()), e);
                try {
                    store.get().delete(published);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
    }

    private static void abortAll(List<StagedUpload> uploads, Exception failure) {
        for (StagedUpload upload : uploads) {
            try {
                upload.abort();
            } catch (RuntimeException e) {
                // The server may be gone; S3 drops abandoned uploads by the bucket's lifecycle rule.
                failure.addSuppressed(e);
            }
        }
    }

    private DatastoreException failure(WriteRequest request, Exception e) {
        if (e instanceof DatastoreException d) {
            return d;
        }
        return DatastoreException.of(
                        ErrorCode.INTERNAL,
                        config.name(),
                        config.type(),
                        config.redact("Writing table '" + request.table() + "' as "
                                + settings.format().key() + " failed; nothing was published: " + e))
                .withCause(e);
    }
}
