package io.datastores.core;

import io.datastores.api.ColumnInfo;
import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.TableInfo;
import io.datastores.api.TableRef;
import io.datastores.api.bulk.ReadRequest;
import io.datastores.api.bulk.TableCreator;
import io.datastores.api.bulk.TableCreator.ColumnDefinition;
import io.datastores.api.bulk.WriteMode;
import io.datastores.core.TransferPlan.ColumnPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps a transfer's columns before any row moves: each source column's type, its Arrow type and
 * the target's (the existing table's, an override, or what the target's {@link TableCreator}
 * chooses), with every loss; then creates a missing target table from that plan.
 */
final class TransferPlanner {
    private static final Pattern TEXTUAL = Pattern.compile("(?i).*(char|text|string|clob|enum|name|set).*");
    /**
     * A describe's note that a type is read as text ({@code TIME (as text)}): the type before it says
     * whether arriving as text loses anything, not the note's own word "text".
     */
    private static final Pattern READ_AS = Pattern.compile("\\s*\\(as [^()]*\\)$");

    private final Datastore source;
    private final ReadRequest read;
    private final Datastore target;
    private final TableRef targetTable;
    private final WriteMode mode;
    private final List<String> key;
    private final Map<String, String> columnTypes;
    private final Optional<TableInfo> knownTarget;

    /** @param knownTarget the target's description the caller read itself, or {@code null} to read it */
    TransferPlanner(
            Datastore source,
            ReadRequest read,
            Datastore target,
            TableRef targetTable,
            WriteMode mode,
            List<String> key,
            Map<String, String> columnTypes,
            Optional<TableInfo> knownTarget) {
        this.source = source;
        this.read = read;
        this.target = target;
        this.targetTable = targetTable;
        this.mode = mode;
        this.key = key;
        this.columnTypes = columnTypes;
        this.knownTarget = knownTarget;
    }

    TransferPlan plan(Schema schema, Map<String, String> sourceTypes) {
        Optional<TableInfo> existing = describeTarget();
        List<String> fieldNames =
                schema.getFields().stream().map(Field::getName).toList();
        for (String column : key) {
            if (!fieldNames.contains(column)) {
                throw DatastoreException.of(
                        ErrorCode.INVALID_DATA,
                        target.name(),
                        target.type(),
                        "Key column '" + column + "' is not among the source's columns " + fieldNames);
            }
        }
        if (mode == WriteMode.UPSERT && key.isEmpty()) {
            throw DatastoreException.of(
                    ErrorCode.INVALID_DATA,
                    target.name(),
                    target.type(),
                    "An upsert needs key columns: call key(...) (CLI: --key)");
        }
        Optional<TableCreator> creator = target.feature(TableCreator.class);
        List<ColumnPlan> columns = new ArrayList<>();
        for (Field field : schema.getFields()) {
            String declared = field.getMetadata().get(TableCreator.SOURCE_TYPE);
            String sourceType = Optional.ofNullable(declared)
                    .or(() -> Optional.ofNullable(sourceTypes.get(field.getName())))
                    .orElse(arrowName(field.getType()));
            List<String> losses = new ArrayList<>();
            // A query's columns are known only by what the reader declares of them.
            boolean known = declared != null || sourceTypes.containsKey(field.getName());
            if (isText(field.getType())
                    && known
                    && !TEXTUAL.matcher(READ_AS.matcher(sourceType).replaceFirst(""))
                            .matches()) {
                losses.add(sourceType + " arrives as text");
            }
            String override = columnTypes.get(field.getName());
            String targetType;
            if (existing.isPresent()) {
                targetType = existing.get()
                        .column(field.getName())
                        .map(ColumnInfo::typeName)
                        .orElseThrow(() -> DatastoreException.of(
                                ErrorCode.NOT_FOUND,
                                target.name(),
                                target.type(),
                                "Table '" + targetTable + "' has no column '" + field.getName()
                                        + "' (names are case-sensitive)"));
            } else if (override != null) {
                targetType = override;
            } else {
                TableCreator.TargetType mapped = creator.orElseThrow(() -> DatastoreException.of(
                                ErrorCode.UNSUPPORTED,
                                target.name(),
                                target.type(),
                                "Table '" + targetTable + "' does not exist and datastore '" + target.name()
                                        + "' cannot create tables; create it first"))
                        .columnType(field)
                        .orElseThrow(() -> unmappable(field, sourceType));
                targetType = mapped.ddl();
                losses.addAll(mapped.losses());
            }
            columns.add(new ColumnPlan(
                    field.getName(),
                    sourceType,
                    arrowName(field.getType()),
                    targetType,
                    existing.isEmpty() && override != null,
                    losses));
        }
        String from =
                source.name() + ": " + (read.table() != null ? read.table().toString() : "query");
        return new TransferPlan(
                from, target.name() + ": " + targetTable, targetTable, existing.isEmpty(), mode, key, columns);
    }

    private DatastoreException unmappable(Field field, String sourceType) {
        return new UnmappableTypeException(
                target,
                field,
                sourceType,
                "override it with columnType(\"" + field.getName() + "\", \"<type>\") (CLI: --type " + field.getName()
                        + "=<type>)");
    }

    private Optional<TableInfo> describeTarget() {
        if (knownTarget != null) {
            return knownTarget;
        }
        return target.describeIfExists(targetTable);
    }

    Map<String, String> sourceTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        if (read.table() != null) {
            source.describe(read.table()).columns().forEach(c -> types.put(c.name(), c.typeName()));
        }
        return types;
    }

    /** @return the columns of the table the plan creates: key columns NOT NULL, as databases require */
    List<ColumnDefinition> definitions(TransferPlan plan, Schema schema) {
        List<ColumnDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            ColumnPlan column = plan.columns().get(i);
            boolean nullable = schema.getFields().get(i).isNullable() && !key.contains(column.name());
            definitions.add(new ColumnDefinition(column.name(), column.targetType(), nullable));
        }
        return definitions;
    }

    private static boolean isText(ArrowType type) {
        return type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8;
    }

    static String arrowName(ArrowType type) {
        if (type instanceof ArrowType.ExtensionType extension) {
            return extension.extensionName();
        }
        return type.toString().toLowerCase(Locale.ROOT);
    }
}
