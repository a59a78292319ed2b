package io.datastores.core;

import io.datastores.api.Datastore;
import io.datastores.api.DatastoreException;
import io.datastores.api.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the datastore that declares logical databases, for {@link Datastores#database}. */
final class LogicalDatabases {
    private LogicalDatabases() {}

    static Datastore view(Collection<Datastore> datastores, String logicalName, String... more) {
        List<String> names = new ArrayList<>();
        names.add(logicalName);
        names.addAll(List.of(more));
        Map<String, Datastore> owners = new LinkedHashMap<>();
        for (String name : names) {
            owners.put(
                    name,
                    datastores.stream()
                            .filter(d -> d.databases().contains(name))
                            .findFirst()
                            .orElseThrow(() -> DatastoreException.of(
                                    ErrorCode.NOT_FOUND,
                                    "Logical database '" + name
                                            + "' not found; declare it under 'databases:' of a datastore")));
        }
        if (owners.values().stream().distinct().count() > 1) {
            List<String> where = owners.entrySet().stream()
                    .map(e -> e.getKey() + " (datastore '" + e.getValue().name() + "')")
                    .toList();
            throw DatastoreException.of(
                    ErrorCode.UNSUPPORTED, "Cannot query across different datasources: " + String.join(", ", where));
        }
        return owners.get(logicalName).database(logicalName, more);
    }
}
