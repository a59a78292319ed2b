package io.datastores.core;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.util.function.Consumer;

/** Runs an action on every datastore, going on past failures, for {@link Datastores}' connect and close. */
final class EveryDatastore {
    private EveryDatastore() {}

    /** @throws DatastoreException the first failure, with the others attached as suppressed */
    static void run(Iterable<Datastore> datastores, Consumer<Datastore> action) {
        DatastoreException first = null;
        for (Datastore datastore : datastores) {
            try {
                action.accept(datastore);
            } catch (RuntimeException e) {
                DatastoreException failure = e instanceof DatastoreException d
                        ? d
                        : DatastoreException.of(
                                        ErrorCode.INTERNAL,
                                        datastore.name(),
                                        datastore.type(),
                                        String.valueOf(e.getMessage()))
                                .withCause(e);
                if (first == null) {
                    first = failure;
                } else {
                    first.addSuppressed(failure);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
