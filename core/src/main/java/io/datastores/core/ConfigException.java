package io.datastores.core;

import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import io.datastores.api.spi.ConfigProblem;
import java.util.List;

/**
 * A {@code datastores.yaml} that cannot be used. The message lists every problem of the file;
 * {@link #problems()} gives them one by one, each naming the datastore, the key and the fix.
 */
public final class ConfigException extends DatastoreException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /**
     * @param code {@link ErrorCode#INVALID_CONFIG}, or {@link ErrorCode#DRIVER_MISSING} when the
     *     only problems are provider jars missing from the class path
     * @param message every problem, one per line
     * @param problems the problems
     */
    public ConfigException(ErrorCode code, String message, List<ConfigProblem> problems) {
        super(code, null, message, null, 0, null);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in file order */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
