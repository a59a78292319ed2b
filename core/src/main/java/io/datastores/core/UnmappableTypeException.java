package io.datastores.core;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A source column whose type no column type of the target can hold, found before any row moves
 * ({@link ErrorCode#UNSUPPORTED}). The message is written here, once, with the remedy the caller
 * offers (a transfer's {@code columnType}, a sync job's {@code column_types}); the column is kept
 * as structured detail, so callers never match the message.
 */
public final class UnmappableTypeException extends DatastoreException {
    private static final long serialVersionUID = 1L;

    private final String column;

    /**
     * @param target the datastore the column would be created in
     * @param field the source column, as an Arrow field
     * @param sourceType the column's type in the source, such as {@code interval}
     * @param remedy how to override the type where the caller takes overrides
     */
    public UnmappableTypeException(Datastore target, Field field, String sourceType, String remedy) {
        super(
                ErrorCode.UNSUPPORTED,
                target.name(),
                DatastoreException.prefix(target.name(), target.type())
                        + "Cannot map external type '" + sourceType + "' (Arrow "
                        + TransferPlanner.arrowName(field.getType()) + ") of column '"
                        + field.getName() + "' to a " + target.type() + " type; " + remedy,
                null,
                0,
                null);
        this.column = field.getName();
    }

    /** @return the source column that cannot be mapped */
    public String column() {
        return column;
    }
}
