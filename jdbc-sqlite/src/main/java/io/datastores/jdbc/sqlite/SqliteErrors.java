package io.datastores.jdbc.sqlite;

import io.datastores.api.ErrorCode;
import java.util.Locale;
import java.util.Optional;

/**
 * Classifies SQLite's error messages, which read the same whether sqlite-jdbc, libSQL's Hrana, D1
 * or StarbaseDB passes them on ({@code no such table: t}, {@code UNIQUE constraint failed: t.id}).
 * Stateless and thread-safe.
 */
public final class SqliteErrors {
    private SqliteErrors() {}

    /**
     * @param message an error message that may carry SQLite's own text; may be {@code null}
     * @return the code its words name, or empty when they name none
     */
    public static Optional<ErrorCode> classify(String message) {
        String text = String.valueOf(message).toLowerCase(Locale.ROOT);
        if (text.contains("no such table") || text.contains("no such column")) {
            return Optional.of(ErrorCode.NOT_FOUND);
        }
        if (text.contains("constraint failed") || text.contains("sqlite_constraint")) {
            return Optional.of(ErrorCode.INTEGRITY);
        }
        if (text.contains("database is locked") || text.contains("sqlite_busy")) {
            return Optional.of(ErrorCode.TIMEOUT);
        }
        if (text.contains("syntax error")
                || text.contains("datatype mismatch")
                || text.contains("parse error")
                || text.contains("too many sql variables")
                || text.contains("too many terms")
                || text.contains("does not match any primary key or unique constraint")) {
            return Optional.of(ErrorCode.INVALID_DATA);
        }
        return Optional.empty();
    }
}
