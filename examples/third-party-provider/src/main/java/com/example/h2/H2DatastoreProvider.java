package com.example.h2;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** H2, embedded: {@code type: h2}, {@code connection: {database: ./data/app, user: sa, password: ...}}. */
public final class H2DatastoreProvider implements DatastoreProvider {
    static final Set<Capability> CAPABILITIES =
            EnumSet.of(Capability.SQL, Capability.TRANSACTIONS, Capability.INTROSPECTION, Capability.EMBEDDED);

    @Override
    public String type() {
        return "h2";
    }

    @Override
    public Category category() {
        return Category.SQL;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> connectionKeys() {
        return Set.of("database", "user", "password");
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        return config.value("database").isPresent() ? List.of()
                : List.of(config.problem("database", "Must specify database (a file path without the .mv.db suffix)"));
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        return new H2Datastore(config);
    }
}
