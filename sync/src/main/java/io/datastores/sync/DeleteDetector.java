package io.datastores.sync;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.WriteMode;
import io.datastores.core.Transfer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Finds target rows whose key left the source: bulk-copies the source's key columns (a projected
 * read) into a scratch table beside the target table, compares there with {@code NOT EXISTS}, then
 * drops the scratch table. Every step is idempotent, so a failure part way is mended by the next run.
 * Used by one thread at a time.
 */
final class DeleteDetector {
    private final SyncContext context;
    private final TableRef sourceTable;
    private final TableRef targetTable;
    private final List<String> key;

    DeleteDetector(SyncContext context, TableRef sourceTable, TableRef targetTable, List<String> key) {
        this.context = context;
        this.sourceTable = sourceTable;
        this.targetTable = targetTable;
        this.key = key;
    }

    void apply(DeleteDetection detection) {
        Datastore source = context.source();
        Datastore target = context.target();
        TableRef keys = TableRef.of(targetTable.schema(), "_datastores_keys_" + targetTable.name());
        target.execute("DROP TABLE IF EXISTS " + target.qualify(keys));
        // A projection, so any datastore with a bulk reader can say which keys it still has.
        Transfer.of(source, ReadRequest.table(sourceTable).withColumns(key), target, keys)
                .mode(WriteMode.APPEND)
                .batchSize(Math.max(context.job().batchSize(), 10_000))
                .run();
        String table = target.qualify(targetTable);
        String scratch = target.qualify(keys);
        String match = key.stream()
                .map(k -> scratch + "." + target.quote(k) + " = " + table + "." + target.quote(k))
                .collect(Collectors.joining(" AND "));
        String present = "EXISTS (SELECT 1 FROM " + scratch + " WHERE " + match + ")";
        try {
            if (detection == DeleteDetection.HARD) {
                long deleted = target.execute("DELETE FROM " + table + " WHERE NOT " + present);
                log(deleted, "Deleted");
            } else {
                String flag = target.quote(Sync.DELETED_COLUMN);
                ensureFlagColumn(target);
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                long marked = target.execute(
                        "UPDATE " + table + " SET " + flag + " = ? WHERE " + flag + " IS NULL AND NOT " + present, now);
                target.execute(
                        "UPDATE " + table + " SET " + flag + " = NULL WHERE " + flag + " IS NOT NULL AND " + present);
                log(marked, "Marked deleted");
            }
        } finally {
            target.execute("DROP TABLE IF EXISTS " + scratch);
        }
    }

    private void ensureFlagColumn(Datastore target) {
        if (target.describe(targetTable).column(Sync.DELETED_COLUMN).isPresent()) {
            return;
        }
        Field field = new Field(
                Sync.DELETED_COLUMN, FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null);
        TableCreator creator = target.feature(TableCreator.class).orElseThrow(() -> noTimestampColumn(target));
        String type = creator.columnType(field)
                .map(TableCreator.TargetType::ddl)
                .orElseThrow(() -> noTimestampColumn(target));
        creator.addColumn(targetTable, new TableCreator.ColumnDefinition(Sync.DELETED_COLUMN, type, true));
    }

    private static DatastoreException noTimestampColumn(Datastore target) {
        return DatastoreException.of(
                ErrorCode.UNSUPPORTED,
                target.name(),
                target.type(),
                "delete_detection: soft needs a timestamp column, and this datastore offers no type for one");
    }

    private void log(long rows, String what) {
        if (rows > 0) {
            context.log(System.Logger.Level.INFO, what + " " + rows + " records for table " + targetTable.name());
        }
    }
}
