package io.datastores.cli;

import io.datastores.api.DatastoreException;

/** Exit codes, documented in the command's help footer and the README. */
final class ExitCodes {
    static final int OK = 0;
    static final int TEST_FAILED = 1;
    static final int INVALID_CONFIG = 3;
    static final int SYNC_TABLE_FAILED = 8;

    private ExitCodes() {}

    static int of(Exception error) {
        if (!(error instanceof DatastoreException e)) {
            return 10;
        }
        return switch (e.code()) {
            case INVALID_CONFIG, DRIVER_MISSING -> INVALID_CONFIG;
            case NOT_FOUND -> 4;
            case CONNECTION, AUTHENTICATION, TIMEOUT -> 5;
            case INVALID_DATA, INTEGRITY, UNSUPPORTED -> 6;
            case CANCELLED -> 7;
            case INTERNAL -> 10;
        };
    }
}
