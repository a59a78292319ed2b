package io.datastores.sqlhttp;

import io.datastores.api.Capability;
import io.datastores.api.Category;
import io.datastores.api.spi.DeclaredProvider;

/** What the three providers share: each is this class with its {@link Service}. Stateless and thread-safe. */
abstract class SqlHttpProvider extends DeclaredProvider {
    SqlHttpProvider(Service service) {
        super(declare(service.type, Category.SQL)
                .aliases(service.aliases.toArray(String[]::new))
                .capabilities(service.capabilities.toArray(Capability[]::new))
                .check(service.keys, service::validate)
                .opens((config, capabilities) -> new SqlHttpDatastore(config, service)));
    }
}
