package io.datastores.sqlhttp;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.Datastore;
import io.datastores.api.spi.ConfigProblem;
import io.datastores.api.spi.DatastoreConfig;
import io.datastores.api.spi.DatastoreProvider;
import java.util.List;
import java.util.Set;

/** What the three providers share: each is this class with its {@link Service}. Stateless and thread-safe. */
abstract class SqlHttpProvider implements DatastoreProvider {
    private final Service service;

    SqlHttpProvider(Service service) {
        this.service = service;
    }

    @Override
    public String type() {
        return service.type;
    }

    @Override
    public Set<String> aliases() {
        return service.aliases;
    }

    @Override
    public Category category() {
        return Category.SQL;
    }

    @Override
    public Set<Capability> capabilities() {
        return service.capabilities;
    }

    @Override
    public Set<String> connectionKeys() {
        return service.keys;
    }

    @Override
    public List<ConfigProblem> validate(DatastoreConfig config) {
        return service.validate(config);
    }

    @Override
    public Datastore open(DatastoreConfig config) {
        return new SqlHttpDatastore(config, service);
    }
}
